package io.databridge.postgres.bulk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manual throughput check, not a benchmark and not part of the suite (the name does not
 * end in {@code Tests}): prints rows/s for one million rows per parallelism and atomicity
 * (two-phase commit, staging table, per-partition commits; parallelism 1 is one pipelined
 * COPY whatever the atomicity). Run it with
 * {@code ./mvnw -q -B -o -pl data-module -am test -Dtest=BulkThroughputCheck -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbulk.onConflict=ERROR} for plain inserts only;
 * {@code -Dbulk.repetitions=5} for more runs). It asserts nothing about time; real
 * measurements belong in {@code benchmarks/}.
 */
class BulkThroughputCheck {

	@Table("bulk_speed")
	record Speed(@Id Long id, String name, int n, BigDecimal amount, Instant at) {
	}

	@Test
	void printRowsPerSecond() {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE IF NOT EXISTS bulk_speed (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL, "
				+ "amount numeric, at timestamptz)");
		PgTemplate template = new PgTemplate(db.dataSource());
		int rows = Integer.getInteger("bulk.rows", 1_000_000);
		int repetitions = Integer.getInteger("bulk.repetitions", 3);
		// warm-up (and the first two-phase insert creates the ledger table)
		run(db, template, rows, 1, Atomicity.ATOMIC, OnConflict.ERROR);
		run(db, template, rows, 4, Atomicity.ATOMIC, OnConflict.ERROR);
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
		// every configuration once per round, so the load of the shared machine spreads
		// over all of them
		Map<String, Supplier<Double>> configurations = new LinkedHashMap<>();
		configurations.put("in the caller's transaction (one COPY per 1 MiB chunk)",
				() -> tx.execute(status -> run(db, template, rows, 4, Atomicity.ATOMIC, OnConflict.ERROR)));
		for (OnConflict onConflict : onConflicts()) {
			Atomicity[] modes = onConflict == OnConflict.ERROR
					? new Atomicity[] { Atomicity.CRASH_CONSISTENT, Atomicity.STAGED, Atomicity.PER_PARTITION }
					: new Atomicity[] { Atomicity.STAGED, Atomicity.PER_PARTITION };
			for (Atomicity atomicity : modes) {
				for (int parallelism : new int[] { 1, 2, 4, 8 }) {
					if (parallelism == 1 && atomicity != modes[0]) {
						continue;
					}
					configurations.put("parallelism=" + parallelism + " atomicity="
							+ (parallelism == 1 ? "single-connection" : atomicity) + " onConflict=" + onConflict,
							() -> run(db, template, rows, parallelism, atomicity, onConflict));
				}
			}
		}
		Map<String, double[]> rates = new LinkedHashMap<>();
		configurations.keySet().forEach(name -> rates.put(name, new double[repetitions]));
		for (int r = 0; r < repetitions; r++) {
			for (Map.Entry<String, Supplier<Double>> configuration : configurations.entrySet()) {
				rates.get(configuration.getKey())[r] = configuration.getValue().get();
			}
		}
		rates.forEach((name, measured) -> {
			Arrays.sort(measured);
			System.out.printf("BULK median rows=%d %s: %,.0f rows/s (min %,.0f, max %,.0f)%n", rows, name,
					measured[repetitions / 2], measured[0], measured[repetitions - 1]);
		});
	}

	/**
	 * The server's own COPY ceiling: the same rows, encoded by the server beforehand
	 * ({@code COPY ... TO STDOUT}), sent back with
	 * {@code COPY ... FROM STDIN (FORMAT binary)} on 1, 2 and 4 connections at once, each
	 * committing alone; no client encoding at all. Run with
	 * {@code -Dtest=BulkThroughputCheck#printServerCopyCeiling}.
	 */
	@Test
	void printServerCopyCeiling() throws Exception {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE IF NOT EXISTS bulk_speed (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL, "
				+ "amount numeric, at timestamptz)");
		int rows = Integer.getInteger("bulk.rows", 1_000_000);
		int repetitions = Integer.getInteger("bulk.repetitions", 3);
		for (int connections : new int[] { 1, 2, 4, 1, 2, 4 }) {
			List<byte[]> parts = new ArrayList<>();
			try (Connection connection = db.openConnection()) {
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				for (int p = 0; p < connections; p++) {
					long from = 1 + (long) rows * p / connections;
					long to = (long) rows * (p + 1) / connections;
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					copy.copyOut("COPY (SELECT g::bigint, 'row-' || g, (g % 1000)::int, round(g / 100.0, 2), "
							+ "to_timestamp(1700000000 + g) FROM generate_series(" + from + ", " + to
							+ ") g) TO STDOUT (FORMAT binary)", out);
					parts.add(out.toByteArray());
				}
			}
			double[] rates = new double[repetitions];
			for (int r = 0; r < repetitions; r++) {
				db.execute("TRUNCATE bulk_speed");
				db.execute("CHECKPOINT");
				long start = System.nanoTime();
				List<Thread> threads = new ArrayList<>();
				AtomicReference<Exception> failure = new AtomicReference<>();
				for (byte[] part : parts) {
					threads.add(Thread.ofPlatform().start(() -> {
						try (Connection connection = db.openConnection()) {
							connection.unwrap(PGConnection.class)
								.getCopyAPI()
								.copyIn("COPY bulk_speed FROM STDIN (FORMAT binary)", new ByteArrayInputStream(part));
						}
						catch (Exception ex) {
							failure.compareAndSet(null, ex);
						}
					}));
				}
				for (Thread thread : threads) {
					thread.join();
				}
				if (failure.get() != null) {
					throw failure.get();
				}
				rates[r] = rows / ((System.nanoTime() - start) / 1e9);
			}
			Arrays.sort(rates);
			System.out.printf(
					"BULK ceiling rows=%d pre-encoded COPY on %d connections: %,.0f rows/s (min %,.0f, "
							+ "max %,.0f)%n",
					rows, connections, rates[repetitions / 2], rates[0], rates[repetitions - 1]);
		}
	}

	/** {@code -Dbulk.onConflict=ERROR} measures plain inserts only. */
	private static OnConflict[] onConflicts() {
		String only = System.getProperty("bulk.onConflict");
		return only == null ? new OnConflict[] { OnConflict.ERROR, OnConflict.IGNORE }
				: new OnConflict[] { OnConflict.valueOf(only) };
	}

	private static double run(TestDatabase db, PgTemplate template, int rows, int parallelism, Atomicity atomicity,
			OnConflict onConflict) {
		db.execute("TRUNCATE bulk_speed");
		db.execute("CHECKPOINT");
		long start = System.nanoTime();
		long written = template.insertAll(
				LongStream.rangeClosed(1, rows)
					.mapToObj(i -> new Speed(i, "row-" + i, (int) (i % 1000), BigDecimal.valueOf(i, 2),
							Instant.ofEpochSecond(1_700_000_000L + i))),
				Speed.class,
				BulkOptions.defaults().parallelism(parallelism).atomicity(atomicity).onConflict(onConflict));
		double seconds = (System.nanoTime() - start) / 1e9;
		return written / seconds;
	}

}
