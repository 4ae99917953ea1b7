package io.databridge.benchmarks.replica;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.routing.Replica;
import io.databridge.postgres.routing.ReplicaSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Read-only {@code findById} throughput of 8 concurrent readers through a data-bridge
 * repository: the primary alone against the primary plus one streaming standby behind a
 * {@link ReadRoutingDataSource} (every read then goes to the standby). Both servers run
 * on the same machine, so this measures the routing's overhead, not scale-out. A plain
 * main, no JMH: rounds alternate the two set-ups, the first of each is warm-up, the
 * median of the rest is printed.
 * <p>
 * Needs {@code scripts/standby.sh start} (or {@code BENCH_PRIMARY_URL} and
 * {@code BENCH_STANDBY_URL}, server URLs ending in {@code /}). Run:
 * {@code benchmarks/run.sh replica [seconds-per-round] [rounds]}.
 */
public final class ReplicaReadBenchmark {

	private static final int READERS = 8;

	private static final int ROWS = 10_000;

	private ReplicaReadBenchmark() {
	}

	/**
	 * Runs the benchmark and prints one line per set-up.
	 * @param args seconds per round (default 5) and rounds per set-up (default 4)
	 */
	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		String primaryServer = env("BENCH_PRIMARY_URL", "jdbc:postgresql://127.0.0.1:5441/");
		String standbyServer = env("BENCH_STANDBY_URL", "jdbc:postgresql://127.0.0.1:5442/");
		String database = "bench_replica_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
		execute(primaryServer + "postgres", "CREATE DATABASE " + database);
		try {
			execute(primaryServer + database,
					"CREATE TABLE bench_item (id bigint PRIMARY KEY, name text NOT NULL, score int NOT NULL); "
							+ "INSERT INTO bench_item SELECT i, 'item ' || i, i % 100 FROM generate_series(1, " + ROWS
							+ ") i; ANALYZE bench_item");
			awaitStandby(standbyServer + database);
			run(primaryServer + database, standbyServer + database, seconds, rounds);
		}
		finally {
			execute(primaryServer + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private static void run(String primaryUrl, String standbyUrl, int seconds, int rounds) throws Exception {
		try (HikariDataSource primaryOnly = pool(primaryUrl, "primary-only");
				ReadRoutingDataSource routed = routed(primaryUrl, standbyUrl)) {
			BenchItemRepository direct = repository(primaryOnly);
			BenchItemRepository viaStandby = repository(routed);
			List<Double> directRates = new ArrayList<>();
			List<Double> routedRates = new ArrayList<>();
			System.out.printf("%d readers, findById over %d rows, %d s per round, %d rounds (first is warm-up)%n",
					READERS, ROWS, seconds, rounds);
			for (int round = 0; round < rounds; round++) {
				directRates.add(throughput(direct, seconds));
				routedRates.add(throughput(viaStandby, seconds));
			}
			System.out.printf("primary only:             %,10.0f findById/s (median of rounds 2..%d)%n",
					median(directRates), rounds);
			System.out.printf("primary + 1 standby:      %,10.0f findById/s (all reads on the standby)%n",
					median(routedRates));
			System.out.println("replica states: " + routed.replicaStates());
		}
	}

	private static double throughput(BenchItemRepository repository, int seconds) throws InterruptedException {
		LongAdder calls = new LongAdder();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		CountDownLatch done = new CountDownLatch(READERS);
		long start = System.nanoTime();
		for (int i = 0; i < READERS; i++) {
			Thread.ofPlatform().start(() -> {
				try {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (System.nanoTime() < end) {
						if (repository.findById(random.nextLong(1, ROWS + 1)).isEmpty()) {
							throw new IllegalStateException("row missing");
						}
						calls.increment();
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		return calls.sum() / ((System.nanoTime() - start) / 1e9);
	}

	private static BenchItemRepository repository(DataSource dataSource) {
		return new PgRepositoryFactory(new PgTemplate(dataSource)).getRepository(BenchItemRepository.class);
	}

	private static ReadRoutingDataSource routed(String primaryUrl, String standbyUrl) {
		HikariDataSource replicaPool = pool(standbyUrl, "standby");
		PGSimpleDataSource probe = new PGSimpleDataSource();
		probe.setURL(standbyUrl);
		probe.setUser("postgres");
		ReadRoutingDataSource routing = new ReadRoutingDataSource(pool(primaryUrl, "routed-primary"),
				List.of(new Replica(standbyUrl, replicaPool, probe)), ReplicaSettings.defaults());
		routing.start();
		return routing;
	}

	private static HikariDataSource pool(String url, String name) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername("postgres");
		config.setMaximumPoolSize(READERS);
		config.setPoolName(name);
		return new HikariDataSource(config);
	}

	private static void awaitStandby(String url) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			try (Connection connection = DriverManager.getConnection(url, "postgres", null);
					Statement statement = connection.createStatement()) {
				statement.executeQuery("SELECT 1/count(*) FROM bench_item WHERE id = " + ROWS).close();
				return;
			}
			catch (SQLException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("The standby " + url + " did not replay the benchmark table within 30 s");
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static double median(List<Double> rates) {
		List<Double> measured = new ArrayList<>(rates.subList(Math.min(1, rates.size() - 1), rates.size()));
		measured.sort(Double::compare);
		return measured.get(measured.size() / 2);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
