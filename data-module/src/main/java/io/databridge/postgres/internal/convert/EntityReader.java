package io.databridge.postgres.internal.convert;

import java.lang.invoke.MethodHandle;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * parameters and setters are resolved here, and for each column layout one compiled
 * handle ({@link RowHandles}) reads the row straight into the constructor and setters. A
 * type that handle cannot build (a constructor taking unmapped values, say) falls back to
 * a loop of column reads followed by Spring Data's generated instantiator and property
 * accessors. No reflection per row.
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

	private final IndexedMapper inDeclarationOrder;

	private static final int MAX_LAYOUTS = 64;

	/**
	 * The properties the persistence constructor takes, in order, when each is a mapped
	 * property; {@code null} otherwise (only Spring Data's instantiator can build the
	 * type).
	 */
	private final @Nullable List<PgPersistentProperty> constructorParameters;

	/** Compiled readers of {@code @Query} result layouts, by column indexes. */
	private final Map<List<Integer>, IndexedMapper> byLayout = new ConcurrentHashMap<>();

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
		this.constructorParameters = constructorParameters(entity, constructor, this.properties);
		int[] identity = new int[this.properties.size()];
		for (int i = 0; i < identity.length; i++) {
			identity[i] = i + 1;
		}
		this.inDeclarationOrder = new IndexedMapper(identity);
	}

	private static @Nullable List<PgPersistentProperty> constructorParameters(PgPersistentEntity<?> entity,
			@Nullable PreferredConstructor<?, PgPersistentProperty> constructor,
			List<PgPersistentProperty> properties) {
		if (constructor == null) {
			return null;
		}
		List<PgPersistentProperty> parameters = new ArrayList<>();
		for (Parameter<?, PgPersistentProperty> parameter : constructor.getParameters()) {
			String name = parameter.getName();
			PgPersistentProperty property = name == null ? null : entity.getPersistentProperty(name);
			if (property == null || !properties.contains(property)) {
				return null;
			}
			parameters.add(property);
		}
		return parameters;
	}

	@SuppressWarnings("unchecked")
	private static <T> PreferredConstructor<T, PgPersistentProperty> cast(PreferredConstructor<?, ?> constructor) {
		return (PreferredConstructor<T, PgPersistentProperty>) constructor;
	}

	/**
	 * Whether rows in declaration order are read by a compiled handle rather than Spring
	 * Data's instantiator.
	 */
	boolean isCompiled() {
		return this.inDeclarationOrder.row != null;
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

	private T materialize(@Nullable Object[] values) {
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

	static @Nullable Object primitiveDefault(Class<?> type) {
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

	/**
	 * Column {@code columns[i]} feeds property {@code i}; 0 means absent. Runs the
	 * compiled row handle ({@link RowHandles}) when the type allows one.
	 */
	private final class IndexedMapper implements RowMapper<T> {

		private final int[] columns;

		private final @Nullable MethodHandle row;

		IndexedMapper(int[] columns) {
			this.columns = columns;
			this.row = RowHandles.build(EntityReader.this.entity.getType(), EntityReader.this.constructorParameters,
					EntityReader.this.properties, EntityReader.this.codecs, columns);
		}

		@Override
		@SuppressWarnings("unchecked")
		public T mapRow(ResultSet rs, int rowNum) throws SQLException {
			MethodHandle handle = this.row;
			if (handle != null) {
				try {
					return (T) handle.invokeExact(rs);
				}
				catch (SQLException | RuntimeException | Error ex) {
					throw ex;
				}
				catch (Throwable ex) {
					throw new IllegalStateException("Cannot read " + EntityReader.this.entity.getType().getName(), ex);
				}
			}
			Object[] values = new Object[this.columns.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = read(rs, i, this.columns[i]);
			}
			return materialize(values);
		}

	}

	/**
	 * The mapper of one column layout, compiled once and kept (up to
	 * {@value #MAX_LAYOUTS} layouts; past that each result set builds its own).
	 */
	private IndexedMapper layout(int[] columns) {
		List<Integer> key = java.util.Arrays.stream(columns).boxed().toList();
		IndexedMapper mapper = this.byLayout.get(key);
		if (mapper == null) {
			mapper = new IndexedMapper(columns);
			if (this.byLayout.size() < MAX_LAYOUTS) {
				this.byLayout.putIfAbsent(key, mapper);
			}
		}
		return mapper;
	}

	/** Resolves labels on the first row of each result set, then maps by index. */
	private final class LabelMapper implements RowMapper<T> {

		private @Nullable ResultSet current;

		private @Nullable IndexedMapper delegate;

		@Override
		public T mapRow(ResultSet rs, int rowNum) throws SQLException {
			IndexedMapper mapper = this.delegate;
			if (mapper == null || this.current != rs) {
				mapper = layout(resolve(rs.getMetaData()));
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
