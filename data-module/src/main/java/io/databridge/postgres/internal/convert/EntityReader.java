package io.databridge.postgres.internal.convert;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.Parameter;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PreferredConstructor;
import org.springframework.data.mapping.model.EntityInstantiator;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.ParameterValueProvider;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.ClassUtils;

/**
 * Materializes rows into one entity type. Built once per type: codecs, constructor
 * parameters and setters are resolved here, so that mapping a row is a loop of typed
 * column reads followed by one constructor call through Spring Data's generated
 * instantiator (and generated property accessors for mutable classes). No reflection and
 * no name lookups per row.
 *
 * <p>
 * Thread-safe; the mappers it hands out are too.
 *
 * @param <T> the entity type
 */
public final class EntityReader<T> {

	private final PgPersistentEntity<T> entity;

	private final List<PgPersistentProperty> properties;

	private final ValueCodec[] codecs;

	private final @Nullable Object[] defaults;

	private final EntityInstantiator instantiator;

	private final Map<String, Integer> parameterIndex;

	private final int[] setAfterConstruction;

	private final RowMapper<T> inDeclarationOrder;

	/**
	 * For records whose components are all mapped: the canonical constructor taking the
	 * row's values as one array, in {@link #properties} order. Spares the generic
	 * instantiator's per-row parameter lookups, the hottest part of reading a record.
	 */
	private final @Nullable MethodHandle recordConstructor;

	/**
	 * Builds a reader.
	 * @throws org.springframework.data.mapping.MappingException when a property has no
	 * mapping
	 */
	public EntityReader(PgPersistentEntity<T> entity, ValueCodecs codecs, EntityInstantiators instantiators) {
		this.entity = entity;
		this.properties = entity.columns();
		this.codecs = new ValueCodec[this.properties.size()];
		this.defaults = new Object[this.properties.size()];
		this.parameterIndex = new HashMap<>();
		for (int i = 0; i < this.properties.size(); i++) {
			PgPersistentProperty property = this.properties.get(i);
			this.codecs[i] = codecs.forProperty(property);
			this.defaults[i] = primitiveDefault(property.getType());
			this.parameterIndex.put(property.getName(), i);
		}
		this.instantiator = instantiators.getInstantiatorFor(entity);
		PreferredConstructor<T, PgPersistentProperty> constructor = entity
			.getInstanceCreatorMetadata() instanceof PreferredConstructor<?, ?> c ? cast(c) : null;
		List<Integer> setters = new ArrayList<>();
		for (int i = 0; i < this.properties.size(); i++) {
			PgPersistentProperty property = this.properties.get(i);
			boolean viaConstructor = constructor != null && constructor.isCreatorParameter(property);
			if (!viaConstructor && property.isWritable()) {
				setters.add(i);
			}
		}
		this.setAfterConstruction = setters.stream().mapToInt(Integer::intValue).toArray();
		int[] identity = new int[this.properties.size()];
		for (int i = 0; i < identity.length; i++) {
			identity[i] = i + 1;
		}
		this.inDeclarationOrder = new IndexedMapper(identity);
		this.recordConstructor = setters.isEmpty() ? recordConstructor(entity.getType(), this.properties) : null;
	}

	/**
	 * The canonical constructor of a record as {@code (Object[]) -> Object}, when its
	 * components are exactly the mapped properties in the same order; otherwise
	 * {@code null}.
	 */
	private static @Nullable MethodHandle recordConstructor(Class<?> type, List<PgPersistentProperty> properties) {
		if (!type.isRecord()) {
			return null;
		}
		RecordComponent[] components = type.getRecordComponents();
		if (components.length != properties.size()) {
			return null;
		}
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			if (!components[i].getName().equals(properties.get(i).getName())) {
				return null;
			}
			types[i] = components[i].getType();
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			return MethodHandles.lookup()
				.unreflectConstructor(constructor)
				.asSpreader(Object[].class, types.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// not accessible (a module boundary, say): the generic instantiator still
			// works
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> PreferredConstructor<T, PgPersistentProperty> cast(PreferredConstructor<?, ?> constructor) {
		return (PreferredConstructor<T, PgPersistentProperty>) constructor;
	}

	/** The entity this reader builds. */
	public PgPersistentEntity<T> entity() {
		return this.entity;
	}

	/**
	 * A mapper for rows whose columns are exactly {@link PgPersistentEntity#columns()},
	 * in order.
	 */
	public RowMapper<T> mapper() {
		return this.inDeclarationOrder;
	}

	/**
	 * A mapper for rows of any shape ({@code @Query} results): columns are matched to
	 * properties by label, case-insensitively, once per result set; unmatched columns are
	 * ignored and properties without a column stay {@code null} (or the primitive
	 * default).
	 */
	public RowMapper<T> labelMapper() {
		return new LabelMapper();
	}

	@SuppressWarnings("unchecked")
	private T materialize(@Nullable Object[] values) {
		MethodHandle constructor = this.recordConstructor;
		if (constructor != null) {
			try {
				return (T) constructor.invokeExact(values);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException("Cannot create " + this.entity.getType().getName(), ex);
			}
		}
		T instance = this.instantiator.createInstance(this.entity, new Values(values));
		if (this.setAfterConstruction.length > 0) {
			PersistentPropertyAccessor<T> accessor = this.entity.getPropertyAccessor(instance);
			for (int i : this.setAfterConstruction) {
				accessor.setProperty(this.properties.get(i), values[i]);
			}
			instance = accessor.getBean();
		}
		return instance;
	}

	private @Nullable Object read(ResultSet rs, int property, int column) throws SQLException {
		if (column == 0) {
			return this.defaults[property];
		}
		Object value = this.codecs[property].read(rs, column);
		return value != null ? value : this.defaults[property];
	}

	private static @Nullable Object primitiveDefault(Class<?> type) {
		if (!type.isPrimitive()) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == char.class) {
			return '\0';
		}
		Object zero = 0;
		return org.springframework.util.NumberUtils.convertNumberToTargetClass((Number) zero,
				ClassUtils.resolvePrimitiveIfNecessary(type).asSubclass(Number.class));
	}

	/** Column {@code columns[i]} feeds property {@code i}; 0 means absent. */
	private final class IndexedMapper implements RowMapper<T> {

		private final int[] columns;

		IndexedMapper(int[] columns) {
			this.columns = columns;
		}

		@Override
		public T mapRow(ResultSet rs, int rowNum) throws SQLException {
			Object[] values = new Object[this.columns.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = read(rs, i, this.columns[i]);
			}
			return materialize(values);
		}

	}

	/** Resolves labels on the first row of each result set, then maps by index. */
	private final class LabelMapper implements RowMapper<T> {

		private @Nullable ResultSet current;

		private @Nullable IndexedMapper delegate;

		@Override
		public T mapRow(ResultSet rs, int rowNum) throws SQLException {
			IndexedMapper mapper = this.delegate;
			if (mapper == null || this.current != rs) {
				mapper = new IndexedMapper(resolve(rs.getMetaData()));
				this.delegate = mapper;
				this.current = rs;
			}
			return mapper.mapRow(rs, rowNum);
		}

		private int[] resolve(ResultSetMetaData meta) throws SQLException {
			Map<String, Integer> byLabel = new HashMap<>();
			for (int c = meta.getColumnCount(); c >= 1; c--) {
				byLabel.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), c);
			}
			int[] columns = new int[EntityReader.this.properties.size()];
			for (int i = 0; i < columns.length; i++) {
				PgPersistentProperty property = EntityReader.this.properties.get(i);
				Integer column = byLabel.get(property.columnName().toLowerCase(Locale.ROOT));
				if (column == null) {
					column = byLabel.get(property.getName().toLowerCase(Locale.ROOT));
				}
				columns[i] = column == null ? 0 : column;
			}
			return columns;
		}

	}

	/** Hands constructor parameters their values, by parameter name. */
	private final class Values implements ParameterValueProvider<PgPersistentProperty> {

		private final @Nullable Object[] values;

		Values(@Nullable Object[] values) {
			this.values = values;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <V> @Nullable V getParameterValue(Parameter<V, PgPersistentProperty> parameter) {
			Integer index = EntityReader.this.parameterIndex.get(parameter.getName());
			return index == null ? null : (V) this.values[index];
		}

	}

}
