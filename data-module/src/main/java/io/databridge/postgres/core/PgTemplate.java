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
import io.databridge.postgres.internal.core.Aggregate;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.criteria.CriteriaStatements;
import io.databridge.postgres.internal.criteria.PreparedSql;
import io.databridge.postgres.internal.lifecycle.EntityLifecycle;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.relation.Relations;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.query.Update;
import io.databridge.postgres.support.PgTransactionManager;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The default {@link PgOperations}: runs each entity's statements, rendered once per
 * type, through Spring's {@link JdbcTemplate}, which takes the connection from the
 * current transaction and translates {@link SQLException}s into Spring's
 * {@code DataAccessException} hierarchy. Thread-safe; one instance serves the whole
 * application.
 *
 * <p>
 * Column types: the first write of an entity type reads its columns' declared types once
 * (<code>SELECT &lt;columns&gt; FROM &lt;table&gt; WHERE false</code>, in the caller's
 * transaction if there is one) and fits each property's codec to its column
 * ({@link ValueCodecs#forColumns}); a value that does not fit (a {@code long} beyond an
 * {@code int} column's range, say) then fails with a
 * {@code DataIntegrityViolationException} naming the column before the statement is sent.
 * <p>
 * Around those statements it runs entity callbacks and publishes entity events (both
 * taken from the application context when the template is a bean, see
 * {@link #setApplicationContext(ApplicationContext)}), checks and advances
 * {@code @Version}s, and saves, loads and deletes owned one-to-many collections with
 * their root. Writes that touch more than one statement ({@link #saveAll}, roots with
 * collections) run in one transaction through a {@link PgTransactionManager} on the
 * template's DataSource, which joins the caller's transaction on that DataSource when
 * there is one.
 */
public class PgTemplate implements PgOperations, ApplicationContextAware {

	/** Rows fetched per round trip by {@link #stream(Query, Class)}. */
	private static final int STREAM_FETCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final PgMappingContext mappingContext;

	private final ValueCodecs codecs;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final Map<Class<?>, EntityStatements<?>> statements = new ConcurrentHashMap<>();

	private final CriteriaStatements criteriaStatements;

	private final JdbcTemplate streamingJdbc;

	/**
	 * Per entity type, the column codecs fitted to the declared column types, read at the
	 * first write.
	 */
	private final Map<Class<?>, ValueCodec[]> writeCodecs = new ConcurrentHashMap<>();

	private BulkSettings bulkSettings = new BulkSettings();

	private BulkProgressListener bulkProgress = BulkProgressListener.NONE;

	private volatile @Nullable DefaultBulkInserter bulkInserter;

	private final Map<Class<?>, Aggregate<?>> aggregates = new ConcurrentHashMap<>();

	private final EntityLifecycle lifecycle = new EntityLifecycle();

	private final TransactionTemplate transactions;

	/**
	 * Creates a template over a DataSource, with snake_case naming and the built-in
	 * codecs.
	 */
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
		this.criteriaStatements = new CriteriaStatements(codecs);
		this.streamingJdbc = streamingTemplate(jdbc, STREAM_FETCH_SIZE);
		DataSource dataSource = jdbc.getDataSource();
		Assert.notNull(dataSource, "JdbcTemplate must have a DataSource");
		this.transactions = new TransactionTemplate(new PgTransactionManager(dataSource));
	}

	/**
	 * Takes the entity callbacks (every {@code EntityCallback} bean, such as auditing)
	 * and the event publisher from the application context. Called by Spring when the
	 * template is a bean.
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		setEntityCallbacks(EntityCallbacks.create(applicationContext));
		setApplicationEventPublisher(applicationContext);
	}

	/**
	 * Sets the transaction manager of the template's own multi-statement writes
	 * ({@link #saveAll}, cascades to owned collections). The default is a
	 * {@link PgTransactionManager} on the template's DataSource, which joins a caller's
	 * transaction on that DataSource. Call while configuring, before the template is
	 * used.
	 */
	public void setTransactionManager(PlatformTransactionManager transactionManager) {
		Assert.notNull(transactionManager, "Transaction manager must not be null");
		this.transactions.setTransactionManager(transactionManager);
	}

	/** The transaction manager of the template's own multi-statement writes. */
	public PlatformTransactionManager getTransactionManager() {
		PlatformTransactionManager manager = this.transactions.getTransactionManager();
		Assert.state(manager != null, "No transaction manager");
		return manager;
	}

	/**
	 * Sets the entity callbacks run on save, load and delete.
	 * @param entityCallbacks the callbacks, or {@code null} for none
	 */
	public void setEntityCallbacks(@Nullable EntityCallbacks entityCallbacks) {
		this.lifecycle.setEntityCallbacks(entityCallbacks);
	}

	/**
	 * Sets where entity events ({@code io.databridge.postgres.mapping.event}) are
	 * published.
	 * @param publisher the publisher, or {@code null} to publish none
	 */
	public void setApplicationEventPublisher(@Nullable ApplicationEventPublisher publisher) {
		this.lifecycle.setApplicationEventPublisher(publisher);
	}

	/**
	 * The callbacks, locking and relations of an entity type, built on first use and
	 * kept.
	 * @throws org.springframework.data.mapping.MappingException when the type cannot be
	 * mapped
	 */
	@SuppressWarnings("unchecked")
	public <T> Aggregate<T> aggregate(Class<T> type) {
		Aggregate<?> aggregate = this.aggregates.get(type);
		if (aggregate == null) {
			EntityStatements<T> s = statements(type);
			aggregate = this.aggregates.computeIfAbsent(type,
					t -> new Aggregate<>(s,
							new Relations<>(s.entity(), this.mappingContext, this.codecs, this.instantiators, this),
							this.lifecycle, this.transactions, this.jdbc, this.instantiators));
		}
		return (Aggregate<T>) aggregate;
	}

	/**
	 * Completes entities read by any query of this module: loads their owned collections
	 * (one query per collection for the whole list), attaches their references, runs
	 * after-convert callbacks and publishes load events. Every read path passes its rows
	 * through here.
	 * @param type the entity type
	 * @param rows the entities as read
	 * @return the completed entities, in order (copies for immutable types)
	 */
	public <T> List<T> afterLoad(Class<T> type, List<T> rows) {
		return aggregate(type).afterLoad(rows);
	}

	/**
	 * {@link #afterLoad(Class, List)} for query methods: completes rows that are entities
	 * of the type and leaves projections and scalars as they are.
	 */
	@SuppressWarnings("unchecked")
	public <T> io.databridge.postgres.internal.repository.query.RowCompletion rowCompletion(Class<T> type) {
		return rows -> rows.isEmpty() || !type.isInstance(rows.get(0)) ? rows : afterLoad(type, (List<T>) rows);
	}

	@Override
	public <T> List<T> fetchReferences(List<T> entities, String... properties) {
		Assert.notNull(entities, "Entities must not be null");
		Assert.notNull(properties, "Properties must not be null");
		if (!entities.isEmpty()) {
			@SuppressWarnings("unchecked")
			Class<T> type = (Class<T>) entities.get(0).getClass();
			aggregate(type).relations().fetch(entities, properties);
		}
		return entities;
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
	 * @throws org.springframework.data.mapping.MappingException when the type cannot be
	 * mapped
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
		return aggregate(s).insert(entity, e -> insertRow(s, e));
	}

	private <T> T insertRow(EntityStatements<T> s, T entity) {
		Object[] values = s.values(entity);
		if (values[s.idIndex()] != null) {
			this.jdbc.update(s.insertWithId, columnSetter(writeCodecs(s), values, -1));
			return entity;
		}
		ResultSetExtractor<Object> generatedId = rs -> rs.next() ? s.idCodec().read(rs, 1) : null;
		PreparedStatementSetter setter = columnSetter(writeCodecs(s), values, s.idIndex());
		Object id = this.jdbc.query(s.insertGeneratingId, setter, generatedId);
		Assert.state(id != null, "INSERT returned no id");
		return s.withId(entity, id);
	}

	/**
	 * Sets the defaults of bulk inserts ({@code databridge.pg.bulk.*}); the settings are
	 * copied. Call before the template is used.
	 */
	public void setBulkSettings(BulkSettings settings) {
		Assert.notNull(settings, "BulkSettings must not be null");
		this.bulkSettings = settings.copy();
		this.bulkInserter = null;
	}

	/** A copy of the defaults of bulk inserts. */
	public BulkSettings getBulkSettings() {
		return this.bulkSettings.copy();
	}

	/** The listener told about the rows bulk inserts send. */
	public BulkProgressListener getBulkProgressListener() {
		return this.bulkProgress;
	}

	/**
	 * Sets the listener told about the rows bulk inserts send. Call before the template
	 * is used.
	 */
	public void setBulkProgressListener(BulkProgressListener listener) {
		Assert.notNull(listener, "BulkProgressListener must not be null");
		this.bulkProgress = listener;
		this.bulkInserter = null;
	}

	/**
	 * Inserts entities by binary COPY, in parallel from the configured threshold, all or
	 * nothing, with the default options. Entities with a {@code null} id get one from the
	 * table (the objects are not changed); either all carry ids or none do. Joins the
	 * current transaction when there is one.
	 * @param entities the entities, read once
	 * @param type the entity type
	 * @return the number of rows written
	 * @throws org.springframework.dao.DataAccessException when anything fails; the table
	 * is then unchanged
	 */
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type) {
		return insertAll(entities, type, BulkOptions.defaults());
	}

	/**
	 * Inserts entities by binary COPY with the given options
	 * ({@link #insertAll(Iterable, Class)}).
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return bulkInsert(entities, type, options, false).rows();
	}

	/**
	 * Inserts a stream of entities by binary COPY ({@link #insertAll(Iterable, Class)});
	 * the stream is read as the rows are sent, never held in memory as a whole, and is
	 * not closed.
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	public <T> long insertAll(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return bulkInsert(onePass(entities), type, options, false).rows();
	}

	/**
	 * Inserts entities by binary COPY ({@link #insertAll(Iterable, Class)}) and returns
	 * the ids of the rows written, in input order (rows skipped by
	 * {@code OnConflict.IGNORE} have none). With per-partition commits the ids come
	 * grouped by partition instead.
	 * @return the ids
	 */
	@SuppressWarnings("unchecked")
	public <T, ID> List<ID> insertAllReturningIds(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return (List<ID>) bulkInsert(onePass(entities), type, options, true).ids();
	}

	/** A stream as an {@code Iterable} that may be iterated once. */
	@SuppressWarnings("unchecked")
	private static <T> Iterable<T> onePass(Stream<? extends T> stream) {
		return () -> (Iterator<T>) stream.iterator();
	}

	private <T> BulkOutcome bulkInsert(Iterable<? extends T> rows, Class<T> type, BulkOptions options,
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
		writeCodecs(s);
		return aggregate(s).update(entity, e -> upsertRow(s, e));
	}

	private <T> T upsertRow(EntityStatements<T> s, T entity) {
		Object[] values = s.values(entity);
		if (values[s.idIndex()] == null) {
			throw new InvalidDataAccessApiUsageException(
					"Cannot update " + s.entity().getType().getSimpleName() + " without an id; use insert or save");
		}
		this.jdbc.update(s.upsert, columnSetter(writeCodecs(s), values, -1));
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
		List<T> list = new ArrayList<>();
		for (T entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			list.add(entity);
		}
		List<T> saved = this.transactions.execute(status -> {
			if (!list.isEmpty() && isOneType(list) && aggregate(statementsOf(list.get(0))).isPlain()) {
				return saveBatched(statementsOf(list.get(0)), list);
			}
			List<T> result = new ArrayList<>(list.size());
			for (T entity : list) {
				result.add(save(entity));
			}
			return result;
		});
		return saved == null ? List.of() : saved;
	}

	private static boolean isOneType(List<?> entities) {
		Class<?> type = entities.get(0).getClass();
		for (Object entity : entities) {
			if (entity.getClass() != type) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Saves plain entities in three JDBC batches (pgjdbc pipelines each batch instead of
	 * waiting for every row): new rows with generated ids, new rows with assigned ids,
	 * and existing rows.
	 */
	private <T> List<T> saveBatched(EntityStatements<T> s, List<T> entities) {
		ValueCodec[] codecs = writeCodecs(s);
		List<T> result = new ArrayList<>(entities);
		List<Integer> generated = new ArrayList<>();
		List<@Nullable Object[]> generatedValues = new ArrayList<>();
		List<@Nullable Object[]> assigned = new ArrayList<>();
		List<@Nullable Object[]> existing = new ArrayList<>();
		for (int i = 0; i < entities.size(); i++) {
			T entity = entities.get(i);
			Object[] values = s.values(entity);
			if (!s.entity().isNew(entity)) {
				if (values[s.idIndex()] == null) {
					throw new InvalidDataAccessApiUsageException("Cannot update " + s.entity().getType().getSimpleName()
							+ " without an id; use insert or save");
				}
				existing.add(values);
			}
			else if (values[s.idIndex()] != null) {
				assigned.add(values);
			}
			else {
				generated.add(i);
				generatedValues.add(values);
			}
		}
		batch(s.insertWithId, codecs, assigned, -1);
		batch(s.upsert, codecs, existing, -1);
		if (!generated.isEmpty()) {
			List<Object> ids = insertBatchReturningIds(s, codecs, generatedValues);
			for (int k = 0; k < generated.size(); k++) {
				int index = generated.get(k);
				result.set(index, s.withId(entities.get(index), ids.get(k)));
			}
		}
		return result;
	}

	private void batch(String sql, ValueCodec[] codecs, List<@Nullable Object[]> rows, int skip) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(sql, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				columnSetter(codecs, rows.get(i), skip).setValues(ps);
			}

			@Override
			public int getBatchSize() {
				return rows.size();
			}
		});
	}

	private List<Object> insertBatchReturningIds(EntityStatements<?> s, ValueCodec[] codecs,
			List<@Nullable Object[]> rows) {
		String[] idColumn = { s.idProperty().columnName() };
		List<Object> ids = this.jdbc.execute((java.sql.Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement(s.insertWithoutId, idColumn)) {
				for (Object[] values : rows) {
					columnSetter(codecs, values, s.idIndex()).setValues(ps);
					ps.addBatch();
				}
				ps.executeBatch();
				List<Object> keys = new ArrayList<>(rows.size());
				try (ResultSet rs = ps.getGeneratedKeys()) {
					while (rs.next()) {
						keys.add(s.idCodec().read(rs, 1));
					}
				}
				return keys;
			}
		});
		Assert.state(ids != null && ids.size() == rows.size(), "The batch INSERT returned fewer ids than rows");
		return ids;
	}

	@Override
	public <T> Optional<T> findById(Object id, Class<T> type) {
		EntityStatements<T> s = statements(type);
		checkId(s, id);
		List<T> rows = this.jdbc.query(s.selectById, ps -> s.idCodec().bind(ps, 1, id), s.reader().mapper());
		return rows.isEmpty() ? Optional.empty() : Optional.of(aggregate(s).afterLoad(rows).get(0));
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
		return aggregate(s).afterLoad(this.jdbc.query(s.selectAllSql, s.reader().mapper()));
	}

	@Override
	public <T> List<T> findAll(Class<T> type, Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		EntityStatements<T> s = statements(type);
		return aggregate(s).afterLoad(this.jdbc.query(s.select(sort, false), s.reader().mapper()));
	}

	@Override
	public <T> Page<T> findAll(Class<T> type, Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		EntityStatements<T> s = statements(type);
		if (pageable.isUnpaged()) {
			return new PageImpl<>(findAll(type, pageable.getSort()));
		}
		String sql = s.select(pageable.getSort(), true);
		int totalColumn = s.columns().size() + 1;
		long[] total = { -1 };
		RowMapper<T> rows = s.reader().mapper();
		List<T> content = this.jdbc.query(sql, ps -> {
			ps.setInt(1, pageable.getPageSize());
			ps.setLong(2, pageable.getOffset());
		}, (rs, rowNum) -> {
			if (rowNum == 0) {
				total[0] = rs.getLong(totalColumn);
			}
			return rows.mapRow(rs, rowNum);
		});
		content = aggregate(s).afterLoad(content);
		// the page carries its total; only a page past the end has no row to carry it
		return PageableExecutionUtils.getPage(content, pageable, () -> total[0] >= 0 ? total[0] : count(type));
	}

	@Override
	public <T> List<T> findAllById(Iterable<?> ids, Class<T> type) {
		EntityStatements<T> s = statements(type);
		List<Object> list = idList(s, ids);
		if (list.isEmpty()) {
			return List.of();
		}
		return aggregate(s).afterLoad(this.jdbc.query(s.selectByIds, arraySetter(s, list), s.reader().mapper()));
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
		aggregate(s).deleteByIds(List.of(id), () -> this.jdbc.update(s.deleteById, ps -> s.idCodec().bind(ps, 1, id)));
	}

	@Override
	public <T> void delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		EntityStatements<T> s = statementsOf(entity);
		aggregate(s).delete(entity, id -> this.jdbc.update(s.deleteById, ps -> s.idCodec().bind(ps, 1, id)));
	}

	@Override
	public void deleteAllById(Iterable<?> ids, Class<?> type) {
		EntityStatements<?> s = statements(type);
		List<Object> list = idList(s, ids);
		if (!list.isEmpty()) {
			aggregate(s).deleteByIds(list, () -> this.jdbc.update(s.deleteByIds, arraySetter(s, list)));
		}
	}

	@Override
	public void deleteAll(Class<?> type) {
		EntityStatements<?> s = statements(type);
		aggregate(s).deleteAll(() -> this.jdbc.update(s.deleteAll));
	}

	@Override
	public <T> void deleteAll(Iterable<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		this.transactions.executeWithoutResult(status -> {
			Map<Class<?>, List<Object>> idsByType = new java.util.LinkedHashMap<>();
			for (T entity : entities) {
				Assert.notNull(entity, "Entities must not contain null");
				EntityStatements<T> s = statementsOf(entity);
				Aggregate<T> aggregate = aggregate(s);
				if (aggregate.isVersioned()) {
					delete(entity);
					continue;
				}
				Object id = s.values(aggregate.beforeDelete(entity))[s.idIndex()];
				if (id != null) {
					idsByType.computeIfAbsent(entity.getClass(), k -> new ArrayList<>()).add(id);
				}
			}
			idsByType.forEach((type, ids) -> deleteAllById(ids, type));
		});
	}

	@Override
	public <T> List<T> query(String sql, Class<T> type, Object... args) {
		Assert.hasText(sql, "SQL must not be empty");
		RowMapper<T> mapper = statements(type).reader().labelMapper();
		return afterLoad(type, this.jdbc.query(sql, ps -> bindValues(ps, args), mapper));
	}

	@Override
	public <T> List<T> findAll(Criteria criteria, Class<T> type) {
		return findAll(Query.query(criteria), type);
	}

	@Override
	public <T> List<T> findAll(Criteria criteria, Sort sort, Class<T> type) {
		return findAll(Query.query(criteria).sort(sort), type);
	}

	@Override
	public <T> Page<T> findAll(Criteria criteria, Pageable pageable, Class<T> type) {
		Assert.notNull(pageable, "Pageable must not be null");
		Query query = Query.query(criteria).sort(pageable.getSort());
		if (pageable.isUnpaged()) {
			return new PageImpl<>(findAll(query, type));
		}
		List<T> content = findAll(query.limit(pageable.getPageSize()).offset(pageable.getOffset()), type);
		return PageableExecutionUtils.getPage(content, pageable, () -> count(criteria, type));
	}

	@Override
	public <T> List<T> findAll(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		EntityStatements<T> s = statements(type);
		PreparedSql sql = this.criteriaStatements.select(s, query);
		List<T> rows = this.jdbc.query(sql.sql(), sql, mapper(s, query));
		return query.columns().isEmpty() ? afterLoad(type, rows) : rows;
	}

	@Override
	public <T> Optional<T> findOne(Criteria criteria, Class<T> type) {
		return findOne(Query.query(criteria), type);
	}

	@Override
	public <T> Optional<T> findOne(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		Integer limit = query.limit();
		List<T> rows = findAll(limit != null && limit < 2 ? query : query.limit(2), type);
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(
					"More than one " + type.getSimpleName() + " matches " + query.criteria(), 1);
		}
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	@Override
	public long count(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		PreparedSql sql = this.criteriaStatements.count(statements(type), criteria);
		Long count = this.jdbc.query(sql.sql(), sql, rs -> rs.next() ? rs.getLong(1) : 0L);
		return count == null ? 0 : count;
	}

	@Override
	public boolean exists(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		PreparedSql sql = this.criteriaStatements.exists(statements(type), criteria);
		ResultSetExtractor<Boolean> hasRow = ResultSet::next;
		return Boolean.TRUE.equals(this.jdbc.query(sql.sql(), sql, hasRow));
	}

	@Override
	public <T> Stream<T> stream(Criteria criteria, Class<T> type) {
		return stream(Query.query(criteria), type);
	}

	@Override
	public <T> Stream<T> stream(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		EntityStatements<T> s = statements(type);
		PreparedSql sql = this.criteriaStatements.select(s, query);
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new InvalidDataAccessApiUsageException("stream(...) of " + type.getSimpleName()
					+ " needs an active transaction: PostgreSQL keeps the server-side cursor only inside one. "
					+ "Call it from a @Transactional method or a TransactionTemplate, and close the stream");
		}
		return this.streamingJdbc.queryForStream(sql.sql(), sql, mapper(s, query));
	}

	@Override
	public long delete(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		PreparedSql sql = this.criteriaStatements.delete(statements(type), criteria);
		return this.jdbc.update(sql.sql(), sql);
	}

	@Override
	public long update(Criteria criteria, Update update, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		Assert.notNull(update, "Update must not be null");
		PreparedSql sql = this.criteriaStatements.update(statements(type), criteria, update);
		return this.jdbc.update(sql.sql(), sql);
	}

	/**
	 * The statements of criteria queries, for code that needs the SQL and values (tests,
	 * repositories).
	 */
	public CriteriaStatements criteriaStatements() {
		return this.criteriaStatements;
	}

	private static <T> RowMapper<T> mapper(EntityStatements<T> s, Query query) {
		return query.columns().isEmpty() ? s.reader().mapper() : s.reader().labelMapper();
	}

	private static JdbcTemplate streamingTemplate(JdbcTemplate jdbc, int fetchSize) {
		JdbcTemplate streaming = new JdbcTemplate();
		if (jdbc.getDataSource() != null) {
			streaming.setDataSource(jdbc.getDataSource());
		}
		streaming.setExceptionTranslator(jdbc.getExceptionTranslator());
		streaming.setFetchSize(fetchSize);
		streaming.setQueryTimeout(jdbc.getQueryTimeout());
		return streaming;
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
	private <T> Aggregate<T> aggregate(EntityStatements<T> s) {
		return (Aggregate<T>) aggregate(s.entity().getType());
	}

	@SuppressWarnings("unchecked")
	private <T> EntityStatements<T> statementsOf(T entity) {
		return (EntityStatements<T>) statements(entity.getClass());
	}

	/**
	 * The codecs that write an entity's columns, fitted once to the column types the
	 * database declares (so a value that overflows its column fails before it is sent,
	 * naming the column).
	 * @see ValueCodecs#forColumns
	 */
	private ValueCodec[] writeCodecs(EntityStatements<?> s) {
		Class<?> type = s.entity().getType();
		ValueCodec[] codecs = this.writeCodecs.get(type);
		if (codecs == null) {
			ConnectionCallback<ValueCodec[]> read = con -> this.codecs.forColumns(s.entity(), con);
			codecs = this.jdbc.execute(read);
			Assert.state(codecs != null, "No column codecs");
			this.writeCodecs.put(type, codecs);
			s.useWriteCodecs(codecs);
		}
		return codecs;
	}

	private static PreparedStatementSetter columnSetter(ValueCodec[] codecs, @Nullable Object[] values, int skip) {
		return ps -> {
			int index = 1;
			for (int i = 0; i < values.length; i++) {
				if (i != skip) {
					codecs[i].bind(ps, index++, values[i]);
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
