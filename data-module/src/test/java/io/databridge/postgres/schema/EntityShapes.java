package io.databridge.postgres.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.databridge.postgres.mapping.ColumnDefinition;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.OneToMany;
import io.databridge.postgres.mapping.PgEnum;
import io.databridge.postgres.mapping.Ref;
import io.databridge.postgres.mapping.Table;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;

/**
 * Random entity shapes as real classes: a shape is plain data (jqwik generates and
 * shrinks it), and {@link #define} turns it into entity classes with ByteBuddy (public
 * fields, a no-argument constructor, the mapping annotations), loaded in a class loader
 * of their own, so the mapping context reads them exactly as it reads hand-written
 * entities. ByteBuddy rather than javax.tools: no compiler run per shape (hundreds of
 * shapes in seconds) and no source text to escape; the classes are as real as compiled
 * ones.
 */
public final class EntityShapes {

	private static final AtomicInteger NAMES = new AtomicInteger();

	/** Every Java type the mapping stores in one column, with the column type chosen. */
	enum JavaType {

		LONG(long.class), INT(int.class), SHORT(short.class), BOOLEAN(boolean.class), DOUBLE(double.class),
		FLOAT(float.class), BOXED_LONG(Long.class), BOXED_INT(Integer.class), BOXED_SHORT(Short.class),
		BOXED_BOOLEAN(Boolean.class), BOXED_DOUBLE(Double.class), BOXED_FLOAT(Float.class), STRING(String.class),
		VARCHAR(String.class, "varchar(80)"), FIXED_CHAR(String.class, "char(3)"), CHARACTER(Character.class),
		BIG_DECIMAL(BigDecimal.class), MONEY(BigDecimal.class, "numeric(12,2)"), BIG_INTEGER(BigInteger.class),
		UUID_TYPE(UUID.class), INSTANT(Instant.class), INSTANT_MILLIS(Instant.class, "timestamptz(3)"),
		OFFSET_DATE_TIME(OffsetDateTime.class), LOCAL_DATE(LocalDate.class), LOCAL_TIME(LocalTime.class),
		LOCAL_DATE_TIME(LocalDateTime.class), DURATION(Duration.class), PERIOD(Period.class), BYTES(byte[].class),
		TEXT_ENUM(Color.class), PG_ENUM(null), PG_ENUM_LIST(null), STRING_LIST(List.class, String.class),
		LONG_LIST(List.class, Long.class), INT_SET(Set.class, Integer.class), TEXT_ENUM_LIST(List.class, Color.class),
		UUID_ARRAY(UUID[].class), JSON_MAP(Map.class, String.class, Object.class), JSON_RECORD(Address.class),
		JSON_TEXT(String.class);

		final @Nullable Class<?> raw;

		final Class<?>[] arguments;

		final String columnType;

		JavaType(@Nullable Class<?> raw, Class<?>... arguments) {
			this.raw = raw;
			this.arguments = arguments;
			this.columnType = "";
		}

		JavaType(Class<?> raw, String columnType) {
			this.raw = raw;
			this.arguments = new Class<?>[0];
			this.columnType = columnType;
		}

	}

	/** An enum stored as text. */
	public enum Color {

		RED, GREEN

	}

	/** A document stored as jsonb. */
	public record Address(String street, int number) {
	}

	/** The id's Java type. */
	enum IdType {

		LONG(Long.class), INT(Integer.class), UUID_ID(UUID.class), STRING(String.class);

		final Class<?> type;

		IdType(Class<?> type) {
			this.type = type;
		}

	}

	/** One property: its type and column options. */
	record PropertyShape(JavaType type, boolean notNull, boolean unique, boolean indexed) {
	}

	/**
	 * An entity: its id, its properties, an owned collection of children (with or without
	 * an id) when {@code children} is not null, a {@code Ref} to another entity when
	 * {@code reference} is set, and the labels of its {@code @PgEnum}.
	 */
	record EntityShape(IdType id, List<PropertyShape> properties, @Nullable List<PropertyShape> children,
			boolean childHasId, boolean reference, List<String> enumLabels) {

		@Override
		public String toString() {
			return "id " + this.id + ", " + this.properties
					+ (this.children == null ? ""
							: ", children" + (this.childHasId ? " with id " : " ") + this.children)
					+ (this.reference ? ", Ref" : "") + ", enum " + this.enumLabels;
		}

	}

	private EntityShapes() {
	}

	/**
	 * Defines the classes of a shape.
	 * @return the root entity first, then the referenced one, if any
	 */
	static List<Class<?>> define(EntityShape shape) {
		int n = NAMES.incrementAndGet();
		ClassLoader loader = EntityShapes.class.getClassLoader();
		Class<?> enumType = load(new ByteBuddy().makeEnumeration(shape.enumLabels())
			.name("gen.shapes.Mood" + n)
			.annotateType(AnnotationDescription.Builder.ofType(PgEnum.class).define("value", "mood_" + n).build()),
				loader);
		loader = enumType.getClassLoader();
		List<Class<?>> roots = new ArrayList<>();
		DynamicType.Builder<Object> root = entity("gen.shapes.Shape" + n, "shape_" + n, shape.id().type, true);
		root = properties(root, shape.properties(), enumType);
		if (shape.reference()) {
			Class<?> target = load(properties(entity("gen.shapes.Target" + n, "target_" + n, Long.class, true),
					List.of(new PropertyShape(JavaType.STRING, false, false, false)), enumType), loader);
			loader = target.getClassLoader();
			roots.add(target);
			root = root.defineField("target",
					TypeDescription.Generic.Builder.parameterizedType(Ref.class, target).build(), Visibility.PUBLIC);
		}
		if (shape.children() != null) {
			Class<?> child = load(
					properties(entity("gen.shapes.Child" + n, "child_" + n, Long.class, shape.childHasId()),
							shape.children(), enumType),
					loader);
			loader = child.getClassLoader();
			root = root
				.defineField("items", TypeDescription.Generic.Builder.parameterizedType(List.class, child).build(),
						Visibility.PUBLIC)
				.annotateField(AnnotationDescription.Builder.ofType(OneToMany.class).build());
		}
		roots.add(0, load(root, loader));
		return roots;
	}

	private static DynamicType.Builder<Object> entity(String className, String table, Class<?> idType, boolean withId) {
		DynamicType.Builder<Object> builder = new ByteBuddy().subclass(Object.class)
			.name(className)
			.annotateType(AnnotationDescription.Builder.ofType(Table.class).define("value", table).build());
		if (withId) {
			builder = builder.defineField("id", idType, Visibility.PUBLIC)
				.annotateField(AnnotationDescription.Builder.ofType(Id.class).build());
		}
		return builder;
	}

	private static DynamicType.Builder<Object> properties(DynamicType.Builder<Object> builder,
			List<PropertyShape> properties, Class<?> enumType) {
		DynamicType.Builder<Object> result = builder;
		for (int i = 0; i < properties.size(); i++) {
			PropertyShape property = properties.get(i);
			List<AnnotationDescription> annotations = new ArrayList<>();
			AnnotationDescription.Builder definition = AnnotationDescription.Builder.ofType(ColumnDefinition.class)
				.define("type", property.type().columnType)
				.define("notNull", property.notNull())
				.define("unique", property.unique())
				.define("indexed", property.indexed());
			annotations.add(definition.build());
			if (property.type() == JavaType.JSON_RECORD || property.type() == JavaType.JSON_TEXT) {
				annotations.add(AnnotationDescription.Builder.ofType(Jsonb.class).build());
			}
			result = result.defineField("c" + i + "Value", fieldType(property.type(), enumType), Visibility.PUBLIC)
				.annotateField(annotations);
		}
		return result;
	}

	private static TypeDefinition fieldType(JavaType type, Class<?> enumType) {
		if (type == JavaType.PG_ENUM) {
			return TypeDescription.ForLoadedType.of(enumType);
		}
		if (type == JavaType.PG_ENUM_LIST) {
			return TypeDescription.Generic.Builder.parameterizedType(List.class, enumType).build();
		}
		Class<?> raw = type.raw;
		if (raw == null) {
			throw new IllegalStateException(type.name());
		}
		return type.arguments.length == 0 ? TypeDescription.ForLoadedType.of(raw)
				: TypeDescription.Generic.Builder.parameterizedType(raw, type.arguments).build();
	}

	private static Class<?> load(DynamicType.Builder<?> builder, ClassLoader parent) {
		try (DynamicType.Unloaded<?> unloaded = builder.make()) {
			return unloaded.load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
		}
	}

}
