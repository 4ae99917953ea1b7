package io.databridge.postgres.internal.core;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.lifecycle.EntityLifecycle;
import io.databridge.postgres.internal.mapping.MissingTable;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.observation.StatementObserver;
import io.databridge.postgres.internal.relation.Relations;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.support.PgTransactionManager;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * What the template, its executors and the repositories share: the JDBC template, the
 * mapping context and codecs, and per entity type the statements (rendered once), the
 * aggregate support (callbacks, locking, relations) and the write codecs fitted to the
 * declared column types. Repositories reach it with
 * {@code PgTemplate.unwrap(RepositorySupport.class)}. Thread-safe; every cache is filled
 * on first use and kept.
 */
public final class RepositorySupport {

	/** Rows fetched per round trip by streaming queries. */
	private static final int STREAM_FETCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streamingJdbc;

	private final PgMappingContext mappingContext;

	private final ValueCodecs codecs;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final Map<Class<?>, EntityStatements<?>> statements = new ConcurrentHashMap<>();

	private final Map<Class<?>, Aggregate<?>> aggregates = new ConcurrentHashMap<>();

	/**
	 * Per entity type, the column codecs fitted to the declared column types, read at the
	 * first write.
	 */
	private final Map<Class<?>, ValueCodec[]> writeCodecs = new ConcurrentHashMap<>();

	private final EntityLifecycle lifecycle = new EntityLifecycle();

	private final TransactionTemplate transactions;

	private final EntityExecutor entities;

	private volatile StatementObserver observer = StatementObserver.NONE;

	private final ObservedJdbc observed;

	/**
	 * Whether the DataSource routes reads to replicas (then statements carry a route).
	 */
	private final boolean routed;

	/**
	 * Creates the shared state of one template.
	 * @param jdbc the JDBC template; it must have a DataSource
	 * @param mappingContext the mapping metadata
	 * @param codecs the value codecs
	 */
	public RepositorySupport(JdbcTemplate jdbc, PgMappingContext mappingContext, ValueCodecs codecs) {
		DataSource dataSource = jdbc.getDataSource();
		Assert.notNull(dataSource, "JdbcTemplate must have a DataSource");
		this.jdbc = jdbc;
		this.observed = new ObservedJdbc(jdbc, this::observer, this::translate);
		this.streamingJdbc = new JdbcTemplate(dataSource);
		this.streamingJdbc.setExceptionTranslator(jdbc.getExceptionTranslator());
		this.streamingJdbc.setFetchSize(STREAM_FETCH_SIZE);
		this.streamingJdbc.setQueryTimeout(jdbc.getQueryTimeout());
		this.mappingContext = mappingContext;
		this.codecs = codecs;
		this.transactions = new TransactionTemplate(new PgTransactionManager(dataSource));
		this.entities = new EntityExecutor(this);
		this.routed = isRouting(dataSource);
	}

	private static boolean isRouting(DataSource dataSource) {
		try {
			return dataSource instanceof ReadRoutingDataSource || dataSource.isWrapperFor(ReadRoutingDataSource.class);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** The JDBC template every statement runs on. */
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** The JDBC template of streaming queries: same DataSource, a fetch size set. */
	public JdbcTemplate streamingJdbc() {
		return this.streamingJdbc;
	}

	/** The mapping metadata. */
	public PgMappingContext mappingContext() {
		return this.mappingContext;
	}

	/** The value codecs. */
	public ValueCodecs codecs() {
		return this.codecs;
	}

	/** The callbacks and events run around saves, loads and deletes. */
	public EntityLifecycle lifecycle() {
		return this.lifecycle;
	}

	/**
	 * Runs the template's own multi-statement writes, joining the caller's transaction.
	 */
	public TransactionTemplate transactions() {
		return this.transactions;
	}

	/** The row-level executor of entity operations. */
	public EntityExecutor entities() {
		return this.entities;
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

	/** The statements of an entity's type. */
	@SuppressWarnings("unchecked")
	public <T> EntityStatements<T> statementsOf(T entity) {
		return (EntityStatements<T>) statements(entity.getClass());
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
							new Relations<>(s.entity(), this.mappingContext, this.codecs, this.instantiators,
									this.entities),
							this.lifecycle, this.transactions, this.observed, this.instantiators));
		}
		return (Aggregate<T>) aggregate;
	}

	/** The aggregate support of the statements' type. */
	@SuppressWarnings("unchecked")
	public <T> Aggregate<T> aggregate(EntityStatements<T> s) {
		return (Aggregate<T>) aggregate(s.entity().getType());
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
	 * The codecs that write an entity's columns, fitted once to the column types the
	 * database declares (so a value that overflows its column fails before it is sent,
	 * naming the column).
	 * @see ValueCodecs#forColumns
	 */
	public ValueCodec[] writeCodecs(EntityStatements<?> s) {
		Class<?> type = s.entity().getType();
		ValueCodec[] fitted = this.writeCodecs.get(type);
		if (fitted == null) {
			ConnectionCallback<ValueCodec[]> read = con -> this.codecs.forColumns(s.entity(), con);
			try {
				fitted = this.jdbc.execute(read);
			}
			catch (RuntimeException ex) {
				throw translate(ex);
			}
			Assert.state(fitted != null, "No column codecs");
			this.writeCodecs.put(type, fitted);
			s.useWriteCodecs(fitted);
		}
		return fitted;
	}

	/**
	 * The failure of a statement as data-bridge throws it: when PostgreSQL reports the
	 * table of a mapped entity as missing, a {@link BadSqlGrammarException} naming the
	 * entity and the table (the message start-up query validation gives); any other
	 * failure as it is.
	 * @param failure the failure, as translated by the JDBC template
	 * @return the failure to throw
	 */
	public RuntimeException translate(RuntimeException failure) {
		return MissingTable.translate(failure, this.mappingContext.getPersistentEntities());
	}

	/**
	 * Binds values by their runtime types, {@code null} as an untyped NULL.
	 * @throws IllegalArgumentException naming the type of a value that has no mapping
	 */
	public void bindValues(PreparedStatement ps, @Nullable Object... args) throws SQLException {
		for (int i = 0; i < args.length; i++) {
			Object arg = args[i];
			if (arg == null) {
				ps.setNull(i + 1, Types.NULL);
			}
			else {
				this.codecs.forValue(arg).bind(ps, i + 1, arg);
			}
		}
	}

	/**
	 * The observer of every statement data-bridge sends; {@link StatementObserver#NONE}
	 * by default.
	 */
	public StatementObserver observer() {
		return this.observer;
	}

	/**
	 * Sets the observer of every statement; call while configuring. Through a
	 * read-routing DataSource, statements also carry their route.
	 */
	public void setObserver(StatementObserver observer) {
		this.observer = this.routed ? observer.routed() : observer;
	}

	/** The JDBC template whose calls are observed and logged. */
	public ObservedJdbc observed() {
		return this.observed;
	}

}
