package io.databridge.postgres.bulk;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two-phase-commit bulk inserts under faults, against the real server: a partition's
 * backend terminated mid-COPY, a constraint violation in one partition, an input stream
 * that throws. After each the table holds exactly its previous rows, no transaction of
 * ours stays prepared, no ledger row is left, the pool is idle and the next load
 * succeeds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BulkInsertTwoPhaseFaultIntegrationTests {

	static final String APP = "bulk-2pc-fault-tests";

	static final int PREVIOUS = 1_000;

	static final BulkOptions TWO_PHASE = BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT);

	static TestDatabase db;

	static HikariDataSource pool;

	static PgTemplate template;

	static String previousChecksum;

	@Table("tpc_fault")
	record Row(@Id Long id, String name, int n) {

		static Row of(long i) {
			return new Row(i, "row-" + i, (int) (i % 977));
		}
	}

	@BeforeAll
	static void setUp() {
		TwoPhaseSupport.assumeAvailable();
		db = TestDatabase.shared();
		db.execute("CREATE TABLE tpc_fault (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL CHECK (n >= 0))");
		pool = CopyFaults.pool("bulk-2pc-fault", APP);
		template = CopyFaults.template(pool);
		template.recoverInDoubtTransactions();
		TwoPhaseSupport.createLedger();
	}

	@AfterAll
	static void tearDown() {
		if (pool != null) {
			pool.close();
		}
	}

	@BeforeEach
	void previousRows() {
		db.execute("TRUNCATE tpc_fault");
		template.insertAll(LongStream.rangeClosed(1, PREVIOUS).mapToObj(Row::of).toList(), Row.class);
		previousChecksum = checksum();
		assertThat(previousChecksum).startsWith(PREVIOUS + ":");
	}

	@AfterEach
	void nothingLeftBehind() {
		assertThat(checksum()).as("the table holds exactly its previous rows").isEqualTo(previousChecksum);
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'databridge\\_bulk\\_%'"))
			.as("prepared transactions")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).as("ledger rows").isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND application_name = '" + APP + "' AND state LIKE 'idle in transaction%'"))
			.as("sessions idle in transaction")
			.isEqualTo("0");
		assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("active connections").isZero();
		assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
		assertThat(template.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 5_000).mapToObj(Row::of),
				Row.class, TWO_PHASE))
			.isEqualTo(5_000);
		assertThat(template.count(Row.class)).isEqualTo(PREVIOUS + 5_000);
		db.execute("DELETE FROM tpc_fault WHERE id > " + PREVIOUS);
	}

	@Test
	void shouldRollBackEveryPartitionWhenOnesBackendIsTerminatedMidCopy() throws Exception {
		CopyFaults.assertTerminatedMidCopy(APP, "tpc_fault", PREVIOUS, Row::of,
				rows -> template.insertAll(rows, Row.class, TWO_PHASE));
	}

	@Test
	void shouldRollBackThePreparedPartitionsWhenTheLastChunkViolatesAConstraint() {
		// the violation is in the last rows: the other partitions have prepared by the
		// time it is found
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 200_000)
			.mapToObj(i -> i == PREVIOUS + 199_999 ? Row.of(17) : Row.of(i));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, TWO_PHASE))
			.isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("tpc_fault")
			.hasMessageContaining("(id)=(17)");
	}

	@Test
	void shouldRollBackThePreparedPartitionsWhenAnotherFailsAtItsPrepare() throws Exception {
		// a deferred check runs at PREPARE: the partition holding row 424242 fails there,
		// a second after the others
		// prepared
		db.execute("""
				CREATE FUNCTION tpc_fault_late() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.id = 424242 THEN
				    PERFORM pg_sleep(1);
				    RAISE EXCEPTION 'late check failed for %', NEW.id USING ERRCODE = '23514';
				  END IF;
				  RETURN NULL;
				END $$;
				CREATE CONSTRAINT TRIGGER tpc_fault_late AFTER INSERT ON tpc_fault DEFERRABLE INITIALLY DEFERRED
				FOR EACH ROW EXECUTE FUNCTION tpc_fault_late();
				""");
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Long> load = executor
				.submit(() -> template.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 100_000)
					.mapToObj(i -> Row.of(i == 50_000 ? 424242 : i)), Row.class, TWO_PHASE));
			int mostPrepared = 0;
			while (!load.isDone()) {
				mostPrepared = Math.max(mostPrepared, Integer
					.parseInt(query("SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'databridge\\_bulk\\_%'")));
				Thread.sleep(20);
			}
			assertThat(mostPrepared).as("partitions seen prepared before the failure").isPositive();
			assertThatThrownBy(load::get).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("late check failed for 424242");
		}
		finally {
			db.execute("DROP TRIGGER tpc_fault_late ON tpc_fault; DROP FUNCTION tpc_fault_late()");
		}
	}

	@Test
	void shouldRollBackEveryPartitionOnACheckViolationMidLoad() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 50_000)
			.mapToObj(i -> i == PREVIOUS + 40_000 ? new Row(i, "negative", -1) : Row.of(i));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, TWO_PHASE))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("tpc_fault_n_check");
	}

	@Test
	void shouldRollBackEveryPartitionWhenTheInputStreamThrows() {
		IllegalStateException boom = new IllegalStateException("boom");
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 100_000).mapToObj(i -> {
			if (i == PREVIOUS + 30_000) {
				throw boom;
			}
			return Row.of(i);
		});
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, TWO_PHASE)).isInstanceOf(BulkInputException.class)
			.hasMessageContaining("tpc_fault")
			.hasCause(boom);
	}

	@Test
	void shouldRollBackThePreparedPartitionsWhenTheInputThrowsAtItsVeryEnd() {
		// every partition has its rows copied; the failure arrives as the input ends
		Stream<Row> rows = Stream.concat(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 100_000).mapToObj(Row::of),
				Stream.<Row>generate(() -> {
					throw new IllegalStateException("late boom");
				}).limit(1));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, TWO_PHASE)).isInstanceOf(BulkInputException.class)
			.hasRootCauseMessage("late boom");
	}

	static String checksum() {
		return query("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '-') "
				+ "FROM tpc_fault t");
	}

	static String query(String sql) {
		return CopyFaults.query(sql);
	}

	static String queryOrNull(String sql) {
		return CopyFaults.queryOrNull(sql);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		CopyFaults.awaitQuietly(latch);
	}

}
