package io.databridge.postgres.internal.mapping;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.databridge.postgres.mapping.Column;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.OneToMany;
import io.databridge.postgres.mapping.Ref;
import io.databridge.postgres.mapping.VectorColumn;
import org.jspecify.annotations.Nullable;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.StringUtils;

/**
 * A property of a mapped entity: its column name (from {@link Column} or the naming
 * strategy) and whether it is stored as {@code jsonb}, is a {@link Ref} to another
 * aggregate (stored as the target's id, column {@code <name>_id} by default) or an owned
 * {@link OneToMany} collection (no column in the owner's table). Immutable once the
 * mapping context has built it.
 */
public final class PgPersistentProperty extends AnnotationBasedPersistentProperty<PgPersistentProperty> {

	private final String columnName;

	private final boolean jsonb;

	private final boolean vector;

	private final boolean reference;

	private final boolean oneToMany;

	private final NamingStrategy naming;

	private final Function<Class<?>, Class<?>> idTypes;

	/**
	 * Reads the value from an instance of the owner; built at first use (see
	 * {@link PropertyReaders}).
	 */
	private volatile @Nullable Function<Object, @Nullable Object> reader;

	PgPersistentProperty(Property property, PersistentEntity<?, PgPersistentProperty> owner,
			SimpleTypeHolder simpleTypes, NamingStrategy naming, Function<Class<?>, Class<?>> idTypes) {
		super(property, owner, simpleTypes);
		this.naming = naming;
		this.idTypes = idTypes;
		this.jsonb = isAnnotationPresent(Jsonb.class);
		this.vector = org.springframework.data.domain.Vector.class.isAssignableFrom(getType())
				|| isAnnotationPresent(VectorColumn.class);
		this.reference = Ref.class.equals(getType());
		// a collection of entities is owned only when it says so: @OneToMany, or elements
		// that are
		// mapped tables; other element types (converted values, unmapped classes) stay
		// column values
		this.oneToMany = !this.jsonb && Collection.class.isAssignableFrom(getType()) && super.isEntity()
				&& (isAnnotationPresent(io.databridge.postgres.mapping.OneToMany.class)
						|| getActualType().isAnnotationPresent(io.databridge.postgres.mapping.Table.class));
		Column column = findAnnotation(Column.class);
		this.columnName = column != null && StringUtils.hasText(column.value()) ? column.value()
				: naming.columnName(getName()) + (this.reference ? "_id" : "");
	}

	/**
	 * Reads this property's value from an instance of its owner: what the owner's
	 * {@code PersistentPropertyAccessor} returns, without creating one per instance (the
	 * hot write paths call this per row and column).
	 * @param bean an instance of the owner
	 * @return the value
	 */
	public @Nullable Object readFrom(Object bean) {
		Function<Object, @Nullable Object> read = this.reader;
		if (read == null) {
			read = PropertyReaders.create(this);
			this.reader = read;
		}
		return read.apply(bean);
	}

	/** The column name, unquoted. */
	public String columnName() {
		return this.columnName;
	}

	/**
	 * Whether the property is stored in a pgvector {@code vector} column (a Spring Data
	 * {@code Vector}, or a {@code @VectorColumn float[]}).
	 */
	public boolean isVector() {
		return this.vector;
	}

	/** Whether the property is stored as a {@code jsonb} document. */
	public boolean isJsonb() {
		return this.jsonb;
	}

	/**
	 * Whether the property is a {@link Ref} to another aggregate, stored as the target's
	 * id.
	 */
	public boolean isReference() {
		return this.reference;
	}

	/**
	 * The aggregate type a {@link Ref} property points to.
	 * @throws MappingException when the property is not a reference or its type argument
	 * is missing
	 */
	public Class<?> referenceTargetType() {
		TypeInformation<?> target = this.reference && !getTypeInformation().getTypeArguments().isEmpty()
				? getTypeInformation().getTypeArguments().get(0) : null;
		if (target == null || Object.class.equals(target.getType())) {
			throw new MappingException("Property '" + getName() + "' of " + getOwner().getType().getName()
					+ " must be declared as Ref<TargetType>");
		}
		return target.getType();
	}

	/** The id type of the aggregate a {@link Ref} property points to. */
	public Class<?> referenceIdType() {
		return this.idTypes.apply(referenceTargetType());
	}

	/**
	 * Whether the property is an owned collection of child entities, stored in the
	 * child's table.
	 */
	public boolean isOneToMany() {
		return this.oneToMany;
	}

	/** The child entity type of a {@linkplain #isOneToMany() one-to-many} collection. */
	public Class<?> childType() {
		return getActualType();
	}

	/**
	 * The child table's column that holds the owner's id, for a one-to-many collection:
	 * from {@link OneToMany#foreignKey()}, else the owner's table name followed by
	 * {@code _id}.
	 */
	public String foreignKeyColumn() {
		OneToMany annotation = findAnnotation(OneToMany.class);
		if (annotation != null && StringUtils.hasText(annotation.foreignKey())) {
			return annotation.foreignKey();
		}
		return ((PgPersistentEntity<?>) getOwner()).tableName() + "_id";
	}

	@Override
	public boolean isEntity() {
		return !this.jsonb && !this.reference && super.isEntity();
	}

	@Override
	public Iterable<? extends TypeInformation<?>> getPersistentEntityTypeInformation() {
		return this.jsonb || this.reference ? List.of() : super.getPersistentEntityTypeInformation();
	}

	@Override
	protected @Nullable Association<PgPersistentProperty> createAssociation() {
		return null;
	}

}
