package io.databridge.postgres.core;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.bulk.InDoubtRecovery;
import io.databridge.postgres.internal.bulk.DefaultBulkInserter;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityExecutor;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.criteria.CriteriaExecutor;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.observation.StatementObserver;
import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.PgCodecs;
import io.databridge.postgres.mapping.PgConverters;
import io.databridge.postgres.observation.PgBulkObservationConvention;
import io.databridge.postgres.observation.PgObservationDocumentation;
import io.databridge.postgres.observation.PgStatementObservationConvention;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.query.Update;
import io.databridge.postgres.support.PgTransactionManager;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.Assert;

/**
 * The default {@link PgOperations} and {@link PgBulkOperations}: a facade that checks
 * arguments and hands each call to one collaborator. Entity operations go to the entity
 * executor, which runs each entity's statements, rendered once per type, through Spring's
 * {@link JdbcTemplate} (the connection of the current transaction, Spring's exception
 * translation); around them it runs entity callbacks and events (taken from the
 * application context when the template is a bean), checks and advances
 * {@code @Version}s, and cascades owned one-to-many collections. The first write of a
 * type fits its codecs to the declared column types, so a value that does not fit fails
 * naming the column before it is sent. Criteria operations go to the criteria executor,
 * bulk loads to the bulk engine. Writes that touch more than one statement
 * ({@link #saveAll}, roots with collections) run in one transaction that joins the
 * caller's. Thread-safe; one instance serves the whole application.
 */
public class PgTemplate implements PgOperations, PgBulkOperations, ApplicationContextAware {

	private final RepositorySupport support;

	private final EntityExecutor entities;

	private final CriteriaExecutor criteria;

	private final TemplateBulkOperations bulk;

	/**
	 * Creates a template over a DataSource, with snake_case naming and built-in codecs.
	 */
	public PgTemplate(DataSource dataSource) {
		this(new JdbcTemplate(dataSource));
	}

	/**
	 * Creates a template over a JDBC template, with snake_case naming and built-in
	 * codecs.
	 */
	public PgTemplate(JdbcTemplate jdbc) {
		this(jdbc, NamingStrategy.SNAKE_CASE, PgConverters.none());
	}

	/**
	 * Creates a template with a naming strategy and the application's converters; JSON
	 * properties use a default Jackson mapper when Jackson is on the class path.
	 * @param jdbc the JDBC template (its DataSource and exception translator are used)
	 * @param naming names tables and columns that are not annotated
	 * @param converters the application's converters
	 */
	public PgTemplate(JdbcTemplate jdbc, NamingStrategy naming, PgConverters converters) {
		this(jdbc, new PgMappingContext(naming), new ValueCodecs(converters));
	}

	/**
	 * Creates a template on a mapping context and codecs shared with others (the
	 * auto-configuration's beans).
	 * @param jdbc the JDBC template (its DataSource and exception translator are used)
	 * @param mappingContext data-bridge's mapping context
	 * @param codecs data-bridge's codecs
	 * @throws IllegalArgumentException when the mapping context or the codecs are not
	 * data-bridge's own
	 */
	public PgTemplate(JdbcTemplate jdbc, MappingContext<?, ?> mappingContext, PgCodecs codecs) {
		Assert.notNull(jdbc, "JdbcTemplate must not be null");
		if (!(mappingContext instanceof PgMappingContext context)) {
			throw new IllegalArgumentException("The mapping context must be data-bridge's own, got " + mappingContext);
		}
		if (!(codecs instanceof ValueCodecs valueCodecs)) {
			throw new IllegalArgumentException("The codecs must be data-bridge's own, got " + codecs);
		}
		this.support = new RepositorySupport(jdbc, context, valueCodecs);
		this.entities = this.support.entities();
		this.criteria = new CriteriaExecutor(this.support);
		this.bulk = new TemplateBulkOperations(this.support);
	}

	/**
	 * Takes the entity callbacks (every {@code EntityCallback} bean, such as auditing)
	 * and the event publisher from the application context. Called by Spring when the
	 * template is a bean.
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.support.lifecycle().setApplicationContext(applicationContext);
	}

	/**
	 * Observes every statement and bulk load with Micrometer
	 * ({@code databridge.statement}, {@code databridge.bulk}; see
	 * {@link PgObservationDocumentation}) and sets the {@code io.databridge.sql} log's
	 * bind-value policy. With {@link ObservationRegistry#NOOP} (the default) no
	 * observation is made. Call while configuring, before the template is used.
	 * @param registry where observations go
	 * @param statementConvention names and tags statement observations, or {@code null}
	 * for the default
	 * @param bulkConvention names and tags bulk observations, or {@code null} for the
	 * default
	 * @param logBindValues whether the TRACE level of {@code io.databridge.sql} shows
	 * bind values rather than their count
	 */
	public void setObservation(ObservationRegistry registry,
			@Nullable PgStatementObservationConvention statementConvention,
			@Nullable PgBulkObservationConvention bulkConvention, boolean logBindValues) {
		Assert.notNull(registry, "ObservationRegistry must not be null");
		this.support.setObserver(new StatementObserver(registry, statementConvention, bulkConvention, logBindValues));
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
		this.support.transactions().setTransactionManager(transactionManager);
	}

	/** The transaction manager of the template's own multi-statement writes. */
	public PlatformTransactionManager getTransactionManager() {
		PlatformTransactionManager manager = this.support.transactions().getTransactionManager();
		Assert.state(manager != null, "No transaction manager");
		return manager;
	}

	/**
	 * Sets the entity callbacks run on save, load and delete.
	 * @param entityCallbacks the callbacks, or {@code null} for none
	 */
	public void setEntityCallbacks(@Nullable EntityCallbacks entityCallbacks) {
		this.support.lifecycle().setEntityCallbacks(entityCallbacks);
	}

	/**
	 * Sets where entity events ({@code io.databridge.postgres.mapping.event}) are
	 * published.
	 * @param publisher the publisher, or {@code null} to publish none
	 */
	public void setApplicationEventPublisher(@Nullable ApplicationEventPublisher publisher) {
		this.support.lifecycle().setApplicationEventPublisher(publisher);
	}

	/**
	 * Completes entities read by native queries as every read path completes them: owned
	 * collections (one query per collection), references, after-convert callbacks, load
	 * events.
	 * @return the completed entities, in order (copies for immutable types)
	 */
	public <T> List<T> afterLoad(Class<T> type, List<T> rows) {
		return this.support.afterLoad(type, rows);
	}

	/**
	 * The mapping metadata, as Spring Data's {@link MappingContext} (for auditing,
	 * {@code PersistentEntities} and repository factories).
	 */
	public MappingContext<?, ?> getMappingContext() {
		return this.support.mappingContext();
	}

	/** The value codecs. */
	public PgCodecs getCodecs() {
		return this.support.codecs();
	}

	@Override
	public JdbcOperations getJdbcOperations() {
		return this.support.jdbc();
	}

	/**
	 * The object of the given type behind this template, for code that extends
	 * data-bridge (repository factories, tests), as {@code java.sql.Wrapper.unwrap} does
	 * for JDBC: the template itself, the {@link JdbcTemplate}, or one of its internal
	 * collaborators.
	 * @param type the type asked for
	 * @return the object
	 * @throws IllegalArgumentException when the template has nothing of that type
	 */
	public <S> S unwrap(Class<S> type) {
		Assert.notNull(type, "Type must not be null");
		for (Object candidate : new Object[] { this, this.support, this.entities, this.criteria,
				this.criteria.statements(), this.support.mappingContext(), this.support.codecs(), this.support.jdbc(),
				this.bulk }) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		if (type.isAssignableFrom(DefaultBulkInserter.class)) {
			return type.cast(this.bulk.inserter());
		}
		throw new IllegalArgumentException("PgTemplate has no " + type.getName());
	}

	/**
	 * Sets the defaults of bulk inserts ({@code databridge.pg.bulk.*}), copied; call
	 * before use.
	 */
	public void setBulkSettings(BulkSettings settings) {
		this.bulk.setSettings(settings);
	}

	/** A copy of the defaults of bulk inserts. */
	public BulkSettings getBulkSettings() {
		return this.bulk.settings().copy();
	}

	/** The listener told about the rows bulk inserts send. */
	public BulkProgressListener getBulkProgressListener() {
		return this.bulk.progress();
	}

	/** Sets the listener told about the rows bulk inserts send; call before use. */
	public void setBulkProgressListener(BulkProgressListener listener) {
		this.bulk.setProgress(listener);
	}

	@Override
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		return this.bulk.insertAll(entities, type, options);
	}

	@Override
	public <T> long insertAll(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		return this.bulk.insertAll(entities, type, options);
	}

	@Override
	public <T, ID> List<ID> insertAllReturningIds(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		return this.bulk.insertAllReturningIds(entities, type, options);
	}

	@Override
	public <T, ID> List<ID> insertAllReturningIds(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		return this.bulk.insertAllReturningIds(entities, type, options);
	}

	@Override
	public InDoubtRecovery recoverInDoubtTransactions() {
		return this.bulk.recoverInDoubtTransactions();
	}

	@Override
	public List<String> preparedTransactions() {
		return this.bulk.preparedTransactions();
	}

	@Override
	public InDoubtRecovery recoverInDoubtTransactionsIfAny() {
		return this.bulk.recoverInDoubtTransactionsIfAny();
	}

	@Override
	public <T> T insert(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.entities.insert(entity);
	}

	@Override
	public <T> T update(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.entities.update(entity);
	}

	@Override
	public <T> T save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.entities.save(entity);
	}

	@Override
	public <T> List<T> saveAll(Iterable<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return this.entities.saveAll(entities);
	}

	@Override
	public <T> Optional<T> findById(Object id, Class<T> type) {
		return this.entities.findById(id, type);
	}

	@Override
	public boolean existsById(Object id, Class<?> type) {
		return this.entities.existsById(id, type);
	}

	@Override
	public <T> List<T> findAll(Class<T> type) {
		return this.entities.findAll(type);
	}

	@Override
	public <T> List<T> findAll(Class<T> type, Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		return this.entities.findAll(type, sort);
	}

	@Override
	public <T> Page<T> findAll(Class<T> type, Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		return this.entities.findAll(type, pageable);
	}

	@Override
	public <T> List<T> findAllById(Iterable<?> ids, Class<T> type) {
		return this.entities.findAllById(ids, type);
	}

	@Override
	public long count(Class<?> type) {
		return this.entities.count(type);
	}

	@Override
	public void deleteById(Object id, Class<?> type) {
		this.entities.deleteById(id, type);
	}

	@Override
	public <T> void delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		this.entities.delete(entity);
	}

	@Override
	public void deleteAllById(Iterable<?> ids, Class<?> type) {
		this.entities.deleteAllById(ids, type);
	}

	@Override
	public void deleteAll(Class<?> type) {
		this.entities.deleteAll(type);
	}

	@Override
	public <T> void deleteAll(Iterable<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		this.entities.deleteAll(entities);
	}

	@Override
	public <T> List<T> query(String sql, Class<T> type, Object... args) {
		Assert.hasText(sql, "SQL must not be empty");
		return this.entities.query(sql, type, args);
	}

	@Override
	public <T> List<T> fetchReferences(List<T> entities, String... properties) {
		Assert.notNull(entities, "Entities must not be null");
		Assert.notNull(properties, "Properties must not be null");
		return this.entities.fetchReferences(entities, properties);
	}

	@Override
	public <T> Page<T> findAll(Criteria criteria, Pageable pageable, Class<T> type) {
		Assert.notNull(pageable, "Pageable must not be null");
		return this.criteria.findAll(criteria, pageable, type);
	}

	@Override
	public <T> List<T> findAll(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		return this.criteria.findAll(query, type);
	}

	@Override
	public <T> Optional<T> findOne(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		return this.criteria.findOne(query, type);
	}

	@Override
	public long count(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		return this.criteria.count(criteria, type);
	}

	@Override
	public boolean exists(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		return this.criteria.exists(criteria, type);
	}

	@Override
	public <T> Stream<T> stream(Query query, Class<T> type) {
		Assert.notNull(query, "Query must not be null");
		return this.criteria.stream(query, type);
	}

	@Override
	public long delete(Criteria criteria, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		return this.criteria.delete(criteria, type);
	}

	@Override
	public long update(Criteria criteria, Update update, Class<?> type) {
		Assert.notNull(criteria, "Criteria must not be null");
		Assert.notNull(update, "Update must not be null");
		return this.criteria.update(criteria, update, type);
	}

}
