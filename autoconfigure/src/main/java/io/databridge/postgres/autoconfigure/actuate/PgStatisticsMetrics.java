package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.databridge.postgres.observation.PgDatabaseStatistics;
import io.databridge.postgres.observation.PgMonitor;
import io.databridge.postgres.observation.PgTableStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes the application database's statistics as Micrometer meters:
 * {@code databridge.db.*} from {@code pg_stat_database} and {@code databridge.table.*}
 * (tag {@code table}) from {@code pg_stat_user_tables} for every mapped table.
 *
 * <p>
 * A single background thread reads the statistics once per interval through a
 * {@link PgMonitor} (so each read has a bounded wait); the meters answer from the last
 * read, so a scrape never queries the database and never blocks. Before the first read,
 * and for a table not read yet, gauges report NaN. {@link #refresh()} reads at once.
 * Thread-safe.
 */
public class PgStatisticsMetrics implements MeterBinder, DisposableBean {

	private static final Log logger = LogFactory.getLog(PgStatisticsMetrics.class);

	private final PgMonitor monitor;

	private final Supplier<? extends Iterable<String>> tables;

	private final Duration interval;

	private volatile @Nullable PgDatabaseStatistics database;

	private final Map<String, PgTableStatistics> tableStatistics = new ConcurrentHashMap<>();

	private final Map<String, Boolean> tablesWithMeters = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Creates the meters' source.
	 * @param monitor reads the statistics with a bounded wait
	 * @param tables the mapped tables, asked again at every read (entities may be added
	 * while the application starts)
	 * @param interval how often to read
	 */
	public PgStatisticsMetrics(PgMonitor monitor, Supplier<? extends Iterable<String>> tables, Duration interval) {
		this.monitor = monitor;
		this.tables = tables;
		this.interval = interval;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		databaseGauge(registry, "databridge.db.cache.hit.ratio", "Share of block reads served from shared buffers",
				PgDatabaseStatistics::cacheHitRatio);
		databaseGauge(registry, "databridge.db.backends", "Backends connected to the database",
				PgDatabaseStatistics::backends);
		databaseCounter(registry, "databridge.db.transactions", "outcome", "commit", PgDatabaseStatistics::commits);
		databaseCounter(registry, "databridge.db.transactions", "outcome", "rollback", PgDatabaseStatistics::rollbacks);
		databaseCounter(registry, "databridge.db.deadlocks", null, null, PgDatabaseStatistics::deadlocks);
		databaseCounter(registry, "databridge.db.conflicts", null, null, PgDatabaseStatistics::conflicts);
		databaseCounter(registry, "databridge.db.temp.files", null, null, PgDatabaseStatistics::tempFiles);
		databaseCounter(registry, "databridge.db.temp.bytes", null, null, PgDatabaseStatistics::tempBytes);
		databaseCounter(registry, "databridge.db.tuples", "operation", "returned",
				PgDatabaseStatistics::tuplesReturned);
		databaseCounter(registry, "databridge.db.tuples", "operation", "fetched", PgDatabaseStatistics::tuplesFetched);
		databaseCounter(registry, "databridge.db.tuples", "operation", "inserted",
				PgDatabaseStatistics::tuplesInserted);
		databaseCounter(registry, "databridge.db.tuples", "operation", "updated", PgDatabaseStatistics::tuplesUpdated);
		databaseCounter(registry, "databridge.db.tuples", "operation", "deleted", PgDatabaseStatistics::tuplesDeleted);
		if (this.scheduler == null) {
			ScheduledExecutorService executor = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("databridge-statistics").daemon().factory());
			executor.scheduleWithFixedDelay(this::refreshQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
			this.scheduler = executor;
		}
	}

	/**
	 * Reads the statistics now and updates the meters (registering those of tables seen
	 * for the first time).
	 * @throws org.springframework.dao.DataAccessException when the read fails
	 */
	public void refresh() {
		this.database = this.monitor.databaseStatistics();
		for (PgTableStatistics table : this.monitor.tableStatistics(tableNames())) {
			this.tableStatistics.put(table.table(), table);
			MeterRegistry target = this.registry;
			if (target != null && this.tablesWithMeters.putIfAbsent(table.table(), Boolean.TRUE) == null) {
				registerTable(target, table.table());
			}
		}
	}

	private List<String> tableNames() {
		List<String> names = new ArrayList<>();
		this.tables.get().forEach(names::add);
		return names;
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.debug("Reading database statistics failed; meters keep the last values", ex);
		}
	}

	private void registerTable(MeterRegistry registry, String table) {
		tableCounter(registry, table, "databridge.table.scans", "type", "sequential",
				PgTableStatistics::sequentialScans);
		tableCounter(registry, table, "databridge.table.scans", "type", "index", PgTableStatistics::indexScans);
		tableGauge(registry, table, "databridge.table.tuples", "state", "live", PgTableStatistics::liveTuples);
		tableGauge(registry, table, "databridge.table.tuples", "state", "dead", PgTableStatistics::deadTuples);
		tableGauge(registry, table, "databridge.table.autovacuum.age", null, null,
				(s) -> (s.sinceAutovacuum() != null) ? s.sinceAutovacuum().toMillis() / 1000.0 : Double.NaN);
		tableGauge(registry, table, "databridge.table.autoanalyze.age", null, null,
				(s) -> (s.sinceAutoanalyze() != null) ? s.sinceAutoanalyze().toMillis() / 1000.0 : Double.NaN);
	}

	private void databaseGauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<PgDatabaseStatistics> value) {
		Gauge.builder(name, this, (self) -> {
			PgDatabaseStatistics stats = self.database;
			return (stats != null) ? value.applyAsDouble(stats) : Double.NaN;
		}).description(description).register(registry);
	}

	private void databaseCounter(MeterRegistry registry, String name, @Nullable String tag, @Nullable String tagValue,
			ToDoubleFunction<PgDatabaseStatistics> value) {
		FunctionCounter.Builder<PgStatisticsMetrics> builder = FunctionCounter.builder(name, this, (self) -> {
			PgDatabaseStatistics stats = self.database;
			return (stats != null) ? value.applyAsDouble(stats) : 0;
		}).description("pg_stat_database of the application's database");
		if (tag != null && tagValue != null) {
			builder.tag(tag, tagValue);
		}
		builder.register(registry);
	}

	private void tableGauge(MeterRegistry registry, String table, String name, @Nullable String tag,
			@Nullable String tagValue, ToDoubleFunction<PgTableStatistics> value) {
		Gauge.Builder<PgStatisticsMetrics> builder = Gauge.builder(name, this, (self) -> {
			PgTableStatistics stats = self.tableStatistics.get(table);
			return (stats != null) ? value.applyAsDouble(stats) : Double.NaN;
		}).tag("table", table).description("pg_stat_user_tables of a mapped table");
		if (tag != null && tagValue != null) {
			builder.tag(tag, tagValue);
		}
		builder.register(registry);
	}

	private void tableCounter(MeterRegistry registry, String table, String name, String tag, String tagValue,
			ToDoubleFunction<PgTableStatistics> value) {
		FunctionCounter.builder(name, this, (self) -> {
			PgTableStatistics stats = self.tableStatistics.get(table);
			return (stats != null) ? value.applyAsDouble(stats) : 0;
		})
			.tag("table", table)
			.tag(tag, tagValue)
			.description("pg_stat_user_tables of a mapped table")
			.register(registry);
	}

	@Override
	public synchronized void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

}
