package io.databridge.postgres.bulk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;

import static io.databridge.postgres.bulk.CopyFaults.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A load whose last rows repeat the key of one of its first rows, so that (with
 * partitions) the duplicate lands in another partition than the original: in every mode
 * the load returns an error within 10 seconds, 20 times in a row, and leaves nothing
 * behind. In crash-consistent mode this is the case that used to hang: the second
 * partition waits for the first one's prepared transaction, which would be resolved only
 * after every partition finished; the coordinator's watch finds it and the load fails
 * with a {@code DuplicateKeyException} naming the row.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BulkInsertDuplicateInLoadIntegrationTests {

	static final String APP = "bulk-dup-in-load";

	static final int PREVIOUS = 100;

	static final int ROWS = 40_000;

	static final int REPETITIONS = 20;

	static TestDatabase db;

	static HikariDataSource pool;

	static PgTemplate template;

	@Table("dup_row")
	record Row(@Id Long id, String name) {

		static Row of(long i) {
			return new Row(i, "row-" + i);
		}
	}

	@BeforeAll
	static void setUp() {
		db = TestDatabase.shared();
		db.execute("CREATE TABLE dup_row (id bigint PRIMARY KEY, name text NOT NULL)");
		pool = CopyFaults.pool("bulk-dup", APP);
		template = new PgTemplate(pool);
		BulkSettings settings = new BulkSettings();
		settings.setParallelism(2);
		settings.setChunkBytes(4096);
		template.setBulkSettings(settings);
		template.insertAll(LongStream.rangeClosed(1, PREVIOUS).mapToObj(Row::of).toList(), Row.class);
	}

	@AfterAll
	static void tearDown() {
		if (pool != null) {
			pool.close();
		}
	}

	@ParameterizedTest
	@EnumSource(value = Atomicity.class, names = { "ATOMIC", "STAGED", "PER_PARTITION", "CRASH_CONSISTENT" })
	void shouldFailWithinTenSecondsEveryTimeWhenALoadRepeatsOneOfItsKeys(Atomicity atomicity) throws Exception {
		assumeTrue(atomicity != Atomicity.CRASH_CONSISTENT || TwoPhaseSupport.available(),
				"the server allows no prepared transactions");
		BulkOptions options = BulkOptions.defaults().atomicity(atomicity);
		int watched = 0;
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int run = 0; run < REPETITIONS; run++) {
				// the last row repeats the 5th row of the load: in the first segment,
				// the duplicate in the last
				List<Row> rows = new ArrayList<>(
						LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + ROWS).mapToObj(Row::of).toList());
				rows.set(ROWS - 1, Row.of(PREVIOUS + 5));
				long started = System.nanoTime();
				Future<Long> load = executor.submit(() -> template.insertAll(rows, Row.class, options));
				Throwable failure = failureWithin(load, Duration.ofSeconds(10), atomicity, run);
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
				DuplicateKeyException duplicate = duplicateIn(failure);
				assertThat(duplicate).as("run %d of %s (%d ms): %s", run, atomicity, millis, failure).isNotNull();
				assertThat(duplicate).hasMessageContaining("dup_row");
				if (duplicate.getMessage().contains("same load")) {
					// the row named is the one whose partition waited: usually the last
					// row, or its twin (row 4) when the last partition wrote first
					assertThat(duplicate.getMessage()).containsAnyOf("row " + (ROWS - 1) + " of the input",
							"row 4 of the input");
					assertThat(duplicate).hasMessageContaining("dup_row_pkey");
					watched++;
				}
				nothingLeftBehind(atomicity, failure);
			}
		}
		System.out.printf("[dup-in-load] %s: %d of %d runs ended by the blocked-partition watch%n", atomicity, watched,
				REPETITIONS);
		if (atomicity == Atomicity.CRASH_CONSISTENT) {
			assertThat(watched).as("runs where the duplicate was in another partition and was detected").isPositive();
		}
	}

	private static Throwable failureWithin(Future<Long> load, Duration limit, Atomicity atomicity, int run)
			throws InterruptedException {
		try {
			long written = load.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			return fail("run %d of %s wrote %d rows instead of failing", run, atomicity, written);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			load.cancel(true);
			return fail("run %d of %s hung for more than %s", run, atomicity, limit);
		}
	}

	private static DuplicateKeyException duplicateIn(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DuplicateKeyException duplicate) {
				return duplicate;
			}
		}
		return null;
	}

	private static void nothingLeftBehind(Atomicity atomicity, Throwable failure) {
		long count = Long.parseLong(query("SELECT count(*) FROM dup_row"));
		if (atomicity == Atomicity.PER_PARTITION && failure instanceof BulkInsertPartiallyCommittedException partial) {
			assertThat(count).as("the committed partitions' rows").isEqualTo(PREVIOUS + partial.committedRows());
			db.execute("DELETE FROM dup_row WHERE id > " + PREVIOUS);
		}
		else {
			assertThat(count).as("the table holds its previous rows only").isEqualTo(PREVIOUS);
		}
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() "
				+ "AND gid LIKE 'databridge\\_bulk\\_%'"))
			.as("prepared transactions")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'databridge\\_bulk\\_%'"))
			.as("staging tables")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND application_name = '" + APP + "' AND state LIKE 'idle in transaction%'"))
			.as("sessions idle in transaction")
			.isEqualTo("0");
		assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("borrowed connections").isZero();
	}

}
