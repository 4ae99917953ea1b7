package io.databridge.postgres.bulk;

import java.math.BigDecimal;
import java.time.Instant;
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
		double[] joined = new double[repetitions];
		for (int r = 0; r < repetitions; r++) {
			joined[r] = tx.execute(status -> run(db, template, rows, 4, Atomicity.ALL_OR_NOTHING, OnConflict.ERROR));
		}
		java.util.Arrays.sort(joined);
		System.out.printf("BULK median rows=%d in the caller's transaction (one COPY per 1 MiB chunk): %,.0f rows/s "
				+ "(min %,.0f, max %,.0f)%n", rows, joined[repetitions / 2], joined[0], joined[repetitions - 1]);
		for (OnConflict onConflict : onConflicts()) {
			Atomicity[] modes = onConflict == OnConflict.ERROR
					? new Atomicity[] { Atomicity.TWO_PHASE_COMMIT, Atomicity.STAGED, Atomicity.PER_PARTITION }
					: new Atomicity[] { Atomicity.STAGED, Atomicity.PER_PARTITION };
			for (Atomicity atomicity : modes) {
				for (int parallelism : new int[] { 1, 2, 4, 8 }) {
					if (parallelism == 1 && atomicity != modes[0]) {
						continue;
					}
					double[] rates = new double[repetitions];
					for (int r = 0; r < repetitions; r++) {
						rates[r] = run(db, template, rows, parallelism, atomicity, onConflict);
					}
					java.util.Arrays.sort(rates);
					System.out.printf("BULK median rows=%d parallelism=%d atomicity=%s onConflict=%s: %,.0f rows/s "
							+ "(min %,.0f, max %,.0f)%n", rows, parallelism,
							parallelism == 1 ? "single-connection" : atomicity, onConflict, rates[repetitions / 2],
							rates[0], rates[repetitions - 1]);
				}
			}
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
				Speed.class, BulkOptions.defaults().parallelism(parallelism).atomicity(atomicity).onConflict(onConflict));
		double seconds = (System.nanoTime() - start) / 1e9;
		return written / seconds;
	}
}
