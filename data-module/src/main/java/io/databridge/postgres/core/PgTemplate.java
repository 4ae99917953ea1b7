package io.databridge.postgres.core;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.internal.bulk.BulkOutcome;
import io.databridge.postgres.internal.bulk.DefaultBulkInserter;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The default {@link PgOperations}: runs each entity's statements, rendered once per type, through
 * Spring's {@link JdbcTemplate}, which takes the connection from the current transaction and
 * translates {@link SQLException}s into Spring's {@code DataAccessException} hierarchy.
 * Thread-safe; one instance serves the whole application.
 */
public class PgTemplate implements PgOperations {

	private final JdbcTemplate jdbc;

	private final PgMappingContext mappingContext;

	private final ValueCodecs codecs;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final Map<Class<?>, EntityStatements<?>> statements = new ConcurrentHashMap<>();

	private BulkSettings bulkSettings = new BulkSettings();

	private BulkProgressListener bulkProgress = BulkProgressListener.NONE;

	private volatile @Nullable DefaultBulkInserter bulkInserter;

	/** Creates a template over a DataSource, with snake_case naming and the built-in codecs. */
	public PgTemplate(DataSource dataSource) {
		this(new JdbcTemplate(dataSource), new PgMappingContext(), new ValueCodecs());
	}

	/**
	 * Creates a template.
	 * @param jdbc the JDBC template (its DataSource and exception translator are used)
	 * @param mappingContext the mapping metadata
	 * @param codecs the value codecs
	 */
	public PgTemplate(JdbcTemplate jdbc, PgMappingContext mappingContext, ValueCodecs codecs) {
		this.jdbc = jdbc;
		this.mappingContext = mappingContext;
		this.codecs = codecs;
	}

	/** The mapping metadata. */
	public PgMappingContext getMappingContext() {
		return this.mappingContext;
	}

	/** The value codecs. */
	public ValueCodecs getCodecs() {
		return this.codecs;
	}

	@Override
	public JdbcOperations getJdbcOperations() {
		return this.jdbc;
	}

	/**
	 * The statements of an entity type, rendered on first use and kept.
	 * @throws org.springframework.data.mapping.MappingException when the type cannot be mapped
	 */
	@SuppressWarnings("unchecked")
	public <T> EntityStatements<T> statements(Class<T> type) {
		Assert.notNull(type, "Entity type must not be null");
		return (EntityStatements<T>) this.statements.computeIfAbsent(type,
				t -> new EntityStatements<>(this.mappingContext.entity(t), this.codecs, this.instantiators));
	}

	@Override
	public <T> T insert(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		EntityStatements<T> s = statementsOf(entity);
		Object[] values = s.values(entity);
		if (values[s.idIndex()] != null) {
			this.jdbc.update(s.insertWithId, columnSetter(s, values, -1));
			return entity;
		}
		ResultSetExtractor<Object> generatedId = rs -> rs.next() ? s.idCodec().read(rs, 1) : null;
		Object id = this.jdbc.query(s.insertGeneratingId, columnSetter(s, values, s.idIndex()), generatedId);
		Assert.state(id != null, "INSERT returned no id");
		return s.withId(entity, id);
	}

	/**
	 * Sets the defaults of bulk inserts ({@code databridge.pg.bulk.*}); the settings are copied. Call before the
	 * template is used.
	 */
	public void setBulkSettings(BulkSettings settings) {
		Assert.notNull(settings, "BulkSettings must not be null");
		this.bulkSettings = settings.copy();
		this.bulkInserter = null;
	}

	/** Sets the listener told about the rows bulk inserts send. Call before the template is used. */
	public void setBulkProgressListener(BulkProgressListener listener) {
		Assert.notNull(listener, "BulkProgressListener must not be null");
		this.bulkProgress = listener;
		this.bulkInserter = null;
	}

	/**
	 * Inserts entities by binary COPY, in parallel from the configured threshold, all or nothing, with the default
	 * options. Entities with a {@code null} id get one from the table (the objects are not changed); either all carry
	 * ids or none do. Joins the current transaction when there is one.
	 * @param entities the entities, read once
	 * @param type the entity type
	 * @return the number of rows written
	 * @throws org.springframework.dao.DataAccessException when anything fails; the table is then unchanged
	 */
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type) {
		return insertAll(entities, type, BulkOptions.defaults());
	}

	/**
	 * Inserts entities by binary COPY with the given options ({@link #insertAll(Iterable, Class)}).
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return bulkInsert(entities.iterator(), type, options, false).rows();
	}

	/**
	 * Inserts a stream of entities by binary COPY ({@link #insertAll(Iterable, Class)}); the stream is read as the
	 * rows are sent, never held in memory as a whole, and is not closed.
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	public <T> long insertAll(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return bulkInsert(entities.iterator(), type, options, false).rows();
	}

	/**
	 * Inserts entities by binary COPY ({@link #insertAll(Iterable, Class)}) and returns the ids of the rows written,
	 * in input order (rows skipped by {@code OnConflict.IGNORE} have none). With per-partition commits the ids come
	 * grouped by partition instead.
	 * @return the ids
	 */
	@SuppressWarnings("unchecked")
	public <T, ID> List<ID> insertAllReturningIds(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return (List<ID>) bulkInsert(entities.iterator(), type, options, true).ids();
	}

	private <T> BulkOutcome bulkInsert(Iterator<? extends T> rows, Class<T> type, BulkOptions options,
			boolean returnIds) {
		Assert.notNull(options, "BulkOptions must not be null");
		return bulkInserter().insert(statements(type), rows, options, returnIds);
	}

	/** The bulk inserter, created on first use from the settings and listener. */
	public DefaultBulkInserter bulkInserter() {
		DefaultBulkInserter inserter = this.bulkInserter;
		if (inserter == null) {
			DataSource dataSource = this.jdbc.getDataSource();
			Assert.state(dataSource != null, "The JdbcTemplate has no DataSource");
			inserter = new DefaultBulkInserter(dataSource, this.jdbc.getExceptionTranslator(), this.bulkSettings,
					this.bulkProgress);
			this.bulkInserter = inserter;
		}
		return inserter;
	}

	@Override
	public <T> T update(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		EntityStatements<T> s = statementsOf(entity);
		Object[] values = s.values(entity);
		if (values[s.idIndex()] == null) {
			throw new InvalidDataAccessApiUsageException("Cannot update " + s.entity().getType().getSimpleName()
					+ " without an id; use insert or save");
		}
		this.jdbc.update(s.upsert, columnSetter(s, values, -1));
		return entity;
	}

	@Override
	public <T> T save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return statementsOf(entity).entity().isNew(entity) ? insert(entity) : update(entity);
	}

	@Override
	public <T> List<T> saveAll(Iterable<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		List<T> saved = new ArrayList<>();
		for (T entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			saved.add(save(entity));
		}
		return saved;
	}

	@Override
	public <T> Optional<T> findById(Object id, Class<T> type) {
		EntityStatements<T> s = statements(type);
		checkId(s, id);
		List<T> rows = this.jdbc.query(s.selectById, ps -> s.idCodec().bind(ps, 1, id), s.reader().mapper());
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	@Override
	public boolean existsById(Object id, Class<?> type) {
		EntityStatements<?> s = statements(type);
		checkId(s, id);
		ResultSetExtractor<Boolean> hasRow = ResultSet::next;
		Boolean exists = this.jdbc.query(s.existsById, ps -> s.idCodec().bind(ps, 1, id), hasRow);
		return Boolean.TRUE.equals(exists);
	}

	@Override
	public <T> List<T> findAll(Class<T> type) {
		EntityStatements<T> s = statements(type);
		return this.jdbc.query(s.selectAllSql, s.reader().mapper());
	}

	@Override
	public <T> List<T> findAll(Class<T> type, Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		EntityStatements<T> s = statements(type);
		return this.jdbc.query(s.select(sort, false), s.reader().mapper());
	}

	@Override
	public <T> Page<T> findAll(Class<T> type, Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		EntityStatements<T> s = statements(type);
		if (pageable.isUnpaged()) {
			return new PageImpl<>(findAll(type, pageable.getSort()));
		}
		String sql = s.select(pageable.getSort(), true);
		List<T> content = this.jdbc.query(sql, ps -> {
			ps.setInt(1, pageable.getPageSize());
			ps.setLong(2, pageable.getOffset());
		}, s.reader().mapper());
		return PageableExecutionUtils.getPage(content, pageable, () -> count(type));
	}

	@Override
	public <T> List<T> findAllById(Iterable<?> ids, Class<T> type) {
		EntityStatements<T> s = statements(type);
		List<Object> list = idList(s, ids);
		if (list.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(s.selectByIds, arraySetter(s, list), s.reader().mapper());
	}

	@Override
	public long count(Class<?> type) {
		Long count = this.jdbc.queryForObject(statements(type).count, Long.class);
		return count == null ? 0 : count;
	}

	@Override
	public void deleteById(Object id, Class<?> type) {
		EntityStatements<?> s = statements(type);
		checkId(s, id);
		this.jdbc.update(s.deleteById, ps -> s.idCodec().bind(ps, 1, id));
	}

	@Override
	public <T> void delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		EntityStatements<T> s = statementsOf(entity);
		Object id = s.values(entity)[s.idIndex()];
		if (id == null) {
			throw new InvalidDataAccessApiUsageException(
					"Cannot delete " + s.entity().getType().getSimpleName() + " without an id");
		}
		this.jdbc.update(s.deleteById, ps -> s.idCodec().bind(ps, 1, id));
	}

	@Override
	public void deleteAllById(Iterable<?> ids, Class<?> type) {
		EntityStatements<?> s = statements(type);
		List<Object> list = idList(s, ids);
		if (!list.isEmpty()) {
			this.jdbc.update(s.deleteByIds, arraySetter(s, list));
		}
	}

	@Override
	public void deleteAll(Class<?> type) {
		this.jdbc.update(statements(type).deleteAll);
	}

	@Override
	public <T> void deleteAll(Iterable<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		Map<Class<?>, List<Object>> idsByType = new java.util.LinkedHashMap<>();
		for (T entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			EntityStatements<T> s = statementsOf(entity);
			Object id = s.values(entity)[s.idIndex()];
			if (id != null) {
				idsByType.computeIfAbsent(entity.getClass(), k -> new ArrayList<>()).add(id);
			}
		}
		idsByType.forEach((type, ids) -> deleteAllById(ids, type));
	}

	@Override
	public <T> List<T> query(String sql, Class<T> type, Object... args) {
		Assert.hasText(sql, "SQL must not be empty");
		RowMapper<T> mapper = statements(type).reader().labelMapper();
		return this.jdbc.query(sql, ps -> bindValues(ps, args), mapper);
	}

	/**
	 * Binds values by their runtime types, {@code null} as an untyped NULL.
	 * @throws IllegalArgumentException naming the type of a value that has no mapping
	 */
	public void bindValues(PreparedStatement ps, @Nullable Object... args) throws SQLException {
		for (int i = 0; i < args.length; i++) {
			Object arg = args[i];
			if (arg == null) {
				ps.setNull(i + 1, java.sql.Types.NULL);
			}
			else {
				this.codecs.forValue(arg).bind(ps, i + 1, arg);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private <T> EntityStatements<T> statementsOf(T entity) {
		return (EntityStatements<T>) statements(entity.getClass());
	}

	private static PreparedStatementSetter columnSetter(EntityStatements<?> s, @Nullable Object[] values, int skip) {
		return ps -> {
			int index = 1;
			for (int i = 0; i < values.length; i++) {
				if (i != skip) {
					s.codec(i).bind(ps, index++, values[i]);
				}
			}
		};
	}

	private static PreparedStatementSetter arraySetter(EntityStatements<?> s, List<Object> ids) {
		return ps -> {
			Connection connection = ps.getConnection();
			Array array = connection.createArrayOf(s.idCodec().pgType(), ids.toArray());
			ps.setArray(1, array);
		};
	}

	private static List<Object> idList(EntityStatements<?> s, Iterable<?> ids) {
		Assert.notNull(ids, "Ids must not be null");
		List<Object> list = new ArrayList<>();
		for (Object id : ids) {
			checkId(s, id);
			list.add(id);
		}
		return list;
	}

	private static void checkId(EntityStatements<?> s, @Nullable Object id) {
		PgPersistentEntity<?> entity = s.entity();
		Assert.notNull(id, () -> "Id of " + entity.getType().getSimpleName() + " must not be null");
		Class<?> expected = ClassUtils.resolvePrimitiveIfNecessary(s.idProperty().getType());
		if (!expected.isInstance(id)) {
			throw new IllegalArgumentException("Id of " + entity.getType().getSimpleName() + " must be a "
					+ expected.getName() + ", got " + id.getClass().getName() + " (" + id + ")");
		}
	}
}
