package io.databridge.benchmarks.contenders.databridge;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import io.databridge.benchmarks.Iteration;
import io.databridge.benchmarks.Workload;
import io.databridge.benchmarks.WorkloadInput;
import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * data-bridge as users call it: inserts through a {@code @BulkInsert} repository method
 * (binary COPY with the {@code databridge.pg.bulk.*} defaults: atomic, one transaction),
 * {@code findById} through a repository proxy, the id-range select through
 * {@code PgTemplate.query(sql, type, args)}, streaming through the repository's
 * {@code stream(Criteria)} (a server-side cursor inside a transaction).
 */
public class DataBridgeContender extends EntityContender<DbUser> {

	private static final String SELECT_RANGE = "SELECT " + BenchEnvironment.COLUMNS + " FROM " + BenchEnvironment.TABLE
			+ " WHERE id >= ? AND id < ? ORDER BY id";

	/**
	 * {@code databridge.pg.bulk.parallelism} of this contender; 0: the cores available
	 * (the server is local).
	 */
	private final int parallelism;

	/** {@code databridge.pg.bulk.atomicity} of this contender. */
	private final Atomicity atomicity;

	private @Nullable HikariDataSource pool;

	private @Nullable PgTemplate template;

	private @Nullable DbUserRepository repository;

	private @Nullable TransactionTemplate transactions;

	private @Nullable AnnotationConfigApplicationContext context;

	/** Whether the range select goes through a derived repository query. */
	private final boolean derived;

	/**
	 * Whether the context has an {@link ObservationRegistry} with a Micrometer meter
	 * handler (the observation overhead of issue 17); reads only.
	 */
	private final boolean observed;

	/** The observed variant's meters, to prove that observations were recorded. */
	private @Nullable SimpleMeterRegistry meters;

	/**
	 * The contender every ratio refers to: parallelism = the machine's cores, every
	 * workload.
	 */
	public DataBridgeContender() {
		this(0, Atomicity.ATOMIC);
	}

	DataBridgeContender(int parallelism, Atomicity atomicity) {
		this(parallelism, atomicity, false);
	}

	DataBridgeContender(int parallelism, Atomicity atomicity, boolean derived) {
		this(parallelism, atomicity, derived, false);
	}

	DataBridgeContender(int parallelism, Atomicity atomicity, boolean derived, boolean observed) {
		this.parallelism = parallelism;
		this.atomicity = atomicity;
		this.derived = derived;
		this.observed = observed;
	}

	private boolean variant() {
		return this.parallelism > 0 || this.atomicity != Atomicity.ATOMIC;
	}

	private String mode() {
		return this.atomicity.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	private int parallelism() {
		return this.parallelism > 0 ? this.parallelism : Runtime.getRuntime().availableProcessors();
	}

	@Override
	public String name() {
		if (this.derived) {
			return "data-bridge derived";
		}
		if (this.observed) {
			return "data-bridge observed";
		}
		if (!variant()) {
			return "data-bridge";
		}
		return "data-bridge " + mode() + (this.parallelism > 0 ? " p=" + this.parallelism : "");
	}

	@Override
	public String description() {
		if (this.derived) {
			return "the id-range select through a derived repository method "
					+ "(findByIdGreaterThanEqualAndIdLessThanOrderByIdAsc); select only";
		}
		if (this.observed) {
			return "data-bridge with an ObservationRegistry whose DefaultMeterObservationHandler records into a "
					+ "SimpleMeterRegistry, given to PgTemplate as the auto-configuration does (every statement "
					+ "observed as databridge.statement); select 1,000 and findById only, for the observation overhead";
		}
		if (variant()) {
			return "the same @BulkInsert method with databridge.pg.bulk.atomicity=" + mode()
					+ " and databridge.pg.bulk.parallelism=" + parallelism() + "; inserts from 100,000 rows only";
		}
		return "data-bridge: a @BulkInsert repository method (the default atomic mode: one binary COPY on one "
				+ "connection, one transaction, encoding pipelined with the writing) for inserts; repository findById, "
				+ "PgTemplate.query for the range, repository stream(Criteria) for streaming";
	}

	@Override
	public int order() {
		return this.derived ? 1
				: this.observed ? 2 : variant() ? 60 + 10 * this.atomicity.ordinal() + this.parallelism : 0;
	}

	@Override
	public @Nullable String skipReason(Workload workload, int size) {
		if (this.derived && workload != Workload.SELECT_RANGE) {
			return NOT_APPLICABLE;
		}
		if (this.observed && !(workload == Workload.FIND_BY_ID || workload == Workload.SELECT_RANGE && size <= 1_000)) {
			return NOT_APPLICABLE;
		}
		if (variant() && (workload != Workload.INSERT || size < 100_000)) {
			return NOT_APPLICABLE;
		}
		return null;
	}

	@Override
	public void open(BenchEnvironment environment) {
		BulkSettings settings = new BulkSettings();
		settings.setParallelism(parallelism());
		settings.setAtomicity(this.atomicity);
		HikariDataSource ds = environment.newDataSource(name(), Math.max(4, parallelism()));
		this.pool = ds;
		this.dataSource = ds;
		// as an application gets it: repositories behind Spring's proxies (transaction
		// interceptor included) and a template that knows the context's listeners
		AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
		ctx.registerBean("dataSource", DataSource.class, () -> ds, bd -> bd.setDestroyMethodName(""));
		@Nullable ObservationRegistry observations = this.observed ? observationRegistry() : null;
		if (observations != null) {
			ctx.registerBean("observationRegistry", ObservationRegistry.class, () -> observations);
		}
		ctx.registerBean("pgTemplate", PgTemplate.class, () -> {
			PgTemplate pg = new PgTemplate(ds);
			pg.setBulkSettings(settings);
			if (observations != null) {
				// what the auto-configuration's PgTemplateObservationPostProcessor does
				pg.setObservation(observations, null, null, false);
			}
			return pg;
		});
		ctx.registerBean("transactionManager", PlatformTransactionManager.class,
				() -> new DataSourceTransactionManager(ds));
		ctx.register(Repositories.class);
		ctx.refresh();
		this.context = ctx;
		this.template = ctx.getBean(PgTemplate.class);
		this.repository = ctx.getBean(DbUserRepository.class);
		this.transactions = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
	}

	private ObservationRegistry observationRegistry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.meters = registry;
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
		return observations;
	}

	/**
	 * The operation; for the observed variant it also fails unless the operation recorded
	 * {@code databridge.statement} observations, so that the overhead compared is real.
	 */
	@Override
	public Iteration prepare(WorkloadInput input) throws Exception {
		Iteration iteration = super.prepare(input);
		SimpleMeterRegistry registry = this.meters;
		if (registry == null) {
			return iteration;
		}
		long before = statements(registry);
		return new Iteration() {
			@Override
			public void run() throws Exception {
				iteration.run();
			}

			@Override
			public io.databridge.benchmarks.Check check() throws Exception {
				long after = statements(registry);
				if (after <= before) {
					throw new IllegalStateException("data-bridge observed: the operation recorded no "
							+ "databridge.statement observation (timer count " + before + " -> " + after + ")");
				}
				return iteration.check();
			}
		};
	}

	private static long statements(SimpleMeterRegistry registry) {
		return registry.find("databridge.statement").timers().stream().mapToLong(Timer::count).sum();
	}

	@Override
	protected DbUser toEntity(BenchRow row) {
		return new DbUser(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(), row.balance(),
				row.createdAt(), row.externalId(), row.profile());
	}

	@Override
	protected BenchRow toRow(DbUser user) {
		return new BenchRow(user.id(), user.name(), user.email(), user.age(), user.active(), user.score(),
				user.balance(), user.createdAt(), user.externalId(), user.profile());
	}

	@Override
	protected void insert(List<DbUser> entities) {
		long rows = require(this.repository).importUsers(entities);
		if (rows != entities.size()) {
			throw new IllegalStateException("@BulkInsert reported " + rows + " rows for " + entities.size());
		}
	}

	@Override
	protected List<DbUser> selectRange(long fromId, long toId) {
		if (this.derived) {
			return require(this.repository).findByIdGreaterThanEqualAndIdLessThanOrderByIdAsc(fromId, toId);
		}
		return require(this.template).query(SELECT_RANGE, DbUser.class, fromId, toId);
	}

	@Override
	protected @Nullable DbUser findById(long id) {
		return require(this.repository).findById(id).orElse(null);
	}

	@Override
	protected void stream(Consumer<DbUser> sink) {
		DbUserRepository users = require(this.repository);
		require(this.transactions).executeWithoutResult(status -> {
			try (Stream<DbUser> rows = users.stream(Criteria.empty())) {
				rows.forEach(sink);
			}
		});
	}

	private static <T> T require(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("data-bridge contender was not opened");
		}
		return value;
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.pool != null) {
			this.pool.close();
		}
	}

	/**
	 * Crash-consistent (two-phase commit), parallelism = the cores: the parallel mode's
	 * yardstick against the best multi-session server-side COPY.
	 */
	public static final class CrashConsistent extends DataBridgeContender {

		/** Creates the contender. */
		public CrashConsistent() {
			super(0, Atomicity.CRASH_CONSISTENT);
		}

	}

	/** The id-range select through a derived query method. */
	public static final class Derived extends DataBridgeContender {

		/** Creates the contender. */
		public Derived() {
			super(0, Atomicity.ATOMIC, true);
		}

	}

	/**
	 * Reads with an ObservationRegistry and a Micrometer meter handler: the observation
	 * overhead against {@code data-bridge}.
	 */
	public static final class Observed extends DataBridgeContender {

		/** Creates the contender. */
		public Observed() {
			super(0, Atomicity.ATOMIC, false, true);
		}

	}

	/** The repositories, found next to {@link DbUserRepository}. */
	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(basePackageClasses = DbUserRepository.class)
	static class Repositories {

	}

	/** Crash-consistent at parallelism 4, the default of the parallelism setting. */
	public static final class CrashConsistentFour extends DataBridgeContender {

		/** Creates the contender. */
		public CrashConsistentFour() {
			super(4, Atomicity.CRASH_CONSISTENT);
		}

	}

	/** Staged (parallel COPY into a staging table, one INSERT ... SELECT). */
	public static final class Staged extends DataBridgeContender {

		/** Creates the contender. */
		public Staged() {
			super(0, Atomicity.STAGED);
		}

	}

	/** Per-partition commits. */
	public static final class PerPartition extends DataBridgeContender {

		/** Creates the contender. */
		public PerPartition() {
			super(0, Atomicity.PER_PARTITION);
		}

	}

}
