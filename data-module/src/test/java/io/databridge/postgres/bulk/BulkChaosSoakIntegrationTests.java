package io.databridge.postgres.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.annotation.Id;

import static io.databridge.postgres.bulk.CopyFaults.query;
import static io.databridge.postgres.bulk.CopyFaults.queryOrNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chaos soak of bulk inserts against the real server. Three loaders run loads of random
 * sizes and modes (atomic, crash-consistent where the server allows prepared
 * transactions, staged; lists and streams, below and above the parallel threshold) on a
 * pool of 4, a reader runs ordinary queries on the same pool, and a killer terminates a
 * random backend of theirs that is running a COPY every 100 to 400 ms. Afterwards, once
 * in-doubt transactions are settled: every load reported written is complete, every load
 * is either complete or absent (never partial), nothing is left prepared or staged, no
 * session is idle in a transaction and the pool is idle and healthy.
 *
 * <p>
 * The random choices come from a seed printed at the start ({@code -Dsoak.seed} replays
 * them; the timing of the threads is not replayed). It runs for {@code -Dsoak.seconds}
 * seconds: 20 in the test command; for a long soak, for instance half an hour:
 * {@code ./mvnw -pl data-module -am verify -Dtest=BulkChaosSoakIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsoak.seconds=1800}.
 */
class BulkChaosSoakIntegrationTests {

	static final String APP = "bulk-chaos-soak";

	private static final int[] SIZES = { 30, 3_000, 40_000, 150_000 };

	private static final long IDS_PER_LOAD = 1_000_000;

	static TestDatabase db;

	static HikariDataSource pool;

	static PgTemplate template;

	@Table("bulk_soak")
	record Row(@Id Long id, long load, String name, int n) {

		static Row of(long load, long i) {
			return new Row(load * IDS_PER_LOAD + i, load, "row-" + i, (int) (i % 977));
		}
	}

	@BeforeAll
	static void setUp() {
		db = TestDatabase.shared();
		db.execute("CREATE TABLE bulk_soak (id bigint PRIMARY KEY, load bigint NOT NULL, name text NOT NULL, "
				+ "n int NOT NULL)");
		pool = CopyFaults.pool("bulk-soak", APP);
		template = CopyFaults.template(pool);
	}

	@AfterAll
	static void tearDown() {
		pool.close();
		db.execute("DROP TABLE bulk_soak");
	}

	@Test
	void everyLoadIsCompleteOrAbsentUnderRepeatedBackendTerminations() throws Exception {
		long seed = Long.getLong("soak.seed", System.nanoTime());
		System.out.printf("[soak] seed %d (replay its random choices with -Dsoak.seed=%d)%n", seed, seed);
		Atomicity[] modes = TwoPhaseSupport.available()
				? new Atomicity[] { Atomicity.ATOMIC, Atomicity.CRASH_CONSISTENT, Atomicity.STAGED }
				: new Atomicity[] { Atomicity.ATOMIC, Atomicity.STAGED };
		Instant end = Instant.now().plus(Duration.ofSeconds(Long.getLong("soak.seconds", 20)));
		Map<Long, Integer> written = new ConcurrentHashMap<>();
		Map<Long, Integer> failed = new ConcurrentHashMap<>();
		AtomicLong loads = new AtomicLong();
		AtomicInteger kills = new AtomicInteger();
		AtomicInteger queries = new AtomicInteger();
		AtomicInteger queriesHit = new AtomicInteger();
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		for (int loader = 0; loader < 3; loader++) {
			Random random = new Random(seed + loader);
			executor.submit(() -> load(end, random, modes, loads, written, failed, unexpected));
		}
		executor.submit(() -> read(end, queries, queriesHit, unexpected));
		Random killerRandom = new Random(seed - 1);
		executor.submit(() -> kill(end, killerRandom, kills, unexpected));
		executor.shutdown();
		boolean finished = executor.awaitTermination(Duration.between(Instant.now(), end).toSeconds() + 120,
				TimeUnit.SECONDS);
		executor.shutdownNow();
		assertThat(finished).as("every load and query ended within 2 minutes of the soak's end (no deadlock)").isTrue();
		System.out.printf("[soak] %d loads: %d written, %d failed; %d COPY backends terminated; %d queries, %d hit%n",
				loads.get(), written.size(), failed.size(), kills.get(), queries.get(), queriesHit.get());

		assertThat(unexpected).as("unexpected failures").isEmpty();
		assertThat(kills.get()).as("backends terminated").isPositive();
		assertThat(written).as("loads written").isNotEmpty();
		assertThat(failed).as("loads failed").isNotEmpty();

		// a load whose commit was decided before its connection died is finished by the
		// recovery
		template.recoverInDoubtTransactions();
		Map<Long, long[]> present = presentLoads();
		written.forEach((load, size) -> assertThat(present.get(load)).as("load %d (written)", load)
			.containsExactly(size, expectedSum(size)));
		failed.forEach((load, size) -> {
			long[] found = present.get(load);
			if (found != null) {
				assertThat(found).as("load %d (failed, but its commit was decided)", load)
					.containsExactly(size, expectedSum(size));
			}
		});
		assertThat(present.keySet()).as("only loads that were run").isSubsetOf(union(written, failed));
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()"))
			.as("prepared transactions")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'databridge_bulk%'")).as("staging tables")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND application_name = '" + APP + "' AND state LIKE 'idle in transaction%'"))
			.as("sessions idle in transaction")
			.isEqualTo("0");
		assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("active connections").isZero();
		long next = loads.incrementAndGet();
		assertThat(template.insertAll(LongStream.range(0, 40_000).mapToObj(i -> Row.of(next, i)).toList(), Row.class))
			.as("a load after the soak")
			.isEqualTo(40_000);
	}

	private static void load(Instant end, Random random, Atomicity[] modes, AtomicLong loads,
			Map<Long, Integer> written, Map<Long, Integer> failed, List<Throwable> unexpected) {
		while (Instant.now().isBefore(end)) {
			long load = loads.incrementAndGet();
			int size = SIZES[random.nextInt(SIZES.length)];
			BulkOptions options = BulkOptions.defaults().atomicity(modes[random.nextInt(modes.length)]);
			LongStream ids = LongStream.range(0, size);
			try {
				long rows = random.nextBoolean()
						? template.insertAll(ids.mapToObj(i -> Row.of(load, i)).toList(), Row.class, options)
						: template.insertAll(ids.mapToObj(i -> Row.of(load, i)), Row.class, options);
				if (rows != size) {
					unexpected.add(new AssertionError("load " + load + " wrote " + rows + " of " + size + " rows"));
				}
				written.put(load, size);
			}
			catch (DataAccessResourceFailureException | RecoverableDataAccessException
					| TransientDataAccessException ex) {
				// a terminated backend, or a dead connection the pool lent before it
				// noticed
				failed.put(load, size);
			}
			catch (RuntimeException | Error ex) {
				unexpected.add(new AssertionError("load " + load + " of " + size + " rows failed unexpectedly", ex));
			}
		}
	}

	/**
	 * Ordinary queries on the same pool; a connection whose backend was terminated may
	 * fail one.
	 */
	private static void read(Instant end, AtomicInteger queries, AtomicInteger hit, List<Throwable> unexpected) {
		while (Instant.now().isBefore(end)) {
			try {
				template.count(Row.class);
				queries.incrementAndGet();
				Thread.sleep(20);
			}
			catch (DataAccessResourceFailureException | RecoverableDataAccessException
					| TransientDataAccessException ex) {
				hit.incrementAndGet();
			}
			catch (DataAccessException ex) {
				unexpected.add(new AssertionError("a query failed unexpectedly", ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void kill(Instant end, Random random, AtomicInteger kills, List<Throwable> unexpected) {
		try {
			while (Instant.now().isBefore(end)) {
				Thread.sleep(100 + random.nextInt(300));
				String pid = queryOrNull("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND application_name = '" + APP + "' AND state = 'active' AND query LIKE 'COPY%' "
						+ "ORDER BY random() LIMIT 1");
				if (pid != null && "t".equals(queryOrNull("SELECT pg_terminate_backend(" + pid + ")"))) {
					kills.incrementAndGet();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			unexpected.add(ex);
		}
	}

	/** Row count and sum of {@code n} of every load in the table. */
	private static Map<Long, long[]> presentLoads() throws SQLException {
		Map<Long, long[]> present = new HashMap<>();
		try (Connection connection = db.openConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT load, count(*), sum(n) FROM bulk_soak GROUP BY load")) {
			while (rs.next()) {
				present.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
			}
		}
		return present;
	}

	private static long expectedSum(int size) {
		return LongStream.range(0, size).map(i -> i % 977).sum();
	}

	private static Set<Long> union(Map<Long, Integer> a, Map<Long, Integer> b) {
		Set<Long> all = new java.util.HashSet<>(a.keySet());
		all.addAll(b.keySet());
		return all;
	}

}
