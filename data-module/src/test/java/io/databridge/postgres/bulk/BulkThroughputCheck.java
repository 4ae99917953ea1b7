package io.databridge.postgres.bulk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manual throughput check, not a benchmark and not part of the suite (the name does not end in {@code Tests}):
 * prints rows/s for one million rows per parallelism and atomicity (two-phase commit, staging table, per-partition
 * commits; parallelism 1 is one pipelined COPY whatever the atomicity). Run it with
 * {@code ./mvnw -q -B -o -pl data-module -am test -Dtest=BulkThroughputCheck -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbulk.onConflict=ERROR} for plain inserts only; {@code -Dbulk.repetitions=5} for more runs).
 * It asserts nothing about time; real measurements belong in {@code benchmarks/}.
 */
class BulkThroughputCheck {

	@Table("bulk_speed")
	record Speed(@Id Long id, String name, int n, BigDecimal amount, Instant at) {
	}

	@Test
	void printRowsPerSecond() {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE bulk_speed (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL, "
				+ "amount numeric, at timestamptz)");
		PgTemplate template = new PgTemplate(db.dataSource());
		int rows = Integer.getInteger("bulk.rows", 1_000_000);
		int repetitions = Integer.getInteger("bulk.repetitions", 3);
		// warm-up (and the first two-phase insert creates the ledger table)
		run(db, template, rows, 1, Atomicity.ALL_OR_NOTHING, OnConflict.ERROR);
		run(db, template, rows, 4, Atomicity.ALL_OR_NOTHING, OnConflict.ERROR);
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
		// every configuration once per round, so the load of the shared machine spreads over all of them
		Map<String, Supplier<Double>> configurations = new LinkedHashMap<>();
		configurations.put("in the caller's transaction (one COPY per 1 MiB chunk)",
				() -> tx.execute(status -> run(db, template, rows, 4, Atomicity.ALL_OR_NOTHING, OnConflict.ERROR)));
		for (OnConflict onConflict : onConflicts()) {
			Atomicity[] modes = onConflict == OnConflict.ERROR
					? new Atomicity[] { Atomicity.TWO_PHASE_COMMIT, Atomicity.STAGED, Atomicity.PER_PARTITION }
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
				Speed.class, BulkOptions.defaults().parallelism(parallelism).atomicity(atomicity).onConflict(onConflict));
		double seconds = (System.nanoTime() - start) / 1e9;
		return written / seconds;
	}
}
