package io.databridge.postgres.bulk;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
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

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bulk inserts under faults, against the real server: a partition's backend terminated
 * mid-COPY, a row violating a constraint, an input stream that throws, and a small pool
 * shared by concurrent bulk inserts and queries. After each fault the table holds exactly
 * its previous rows, nothing is left behind and the pool is healthy.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BulkInsertFaultIntegrationTests {

	static final String APP = "bulk-fault-tests";

	static final int PREVIOUS = 1_000;

	static TestDatabase db;

	static HikariDataSource pool;

	static PgTemplate template;

	static String previousChecksum;

	@Table("bulk_fault")
	record Row(@Id Long id, String name, int n) {

		static Row of(long i) {
			return new Row(i, "row-" + i, (int) (i % 977));
		}
	}

	@BeforeAll
	static void setUp() {
		db = TestDatabase.shared();
		db.execute(
				"CREATE TABLE bulk_fault (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL CHECK (n >= 0))");
		pool = CopyFaults.pool("bulk-fault", APP);
		template = CopyFaults.template(pool);
	}

	@AfterAll
	static void tearDown() {
		pool.close();
	}

	@BeforeEach
	void previousRows() {
		db.execute("TRUNCATE bulk_fault");
		template.insertAll(LongStream.rangeClosed(1, PREVIOUS).mapToObj(Row::of).toList(), Row.class);
		previousChecksum = checksum();
		assertThat(previousChecksum).startsWith(PREVIOUS + ":");
	}

	@AfterEach
	void nothingLeftBehind() throws InterruptedException {
		assertThat(checksum()).as("the table holds exactly its previous rows").isEqualTo(previousChecksum);
		assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'databridge_bulk%'")).as("staging tables")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()"))
			.as("prepared transactions")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND application_name = '" + APP + "' AND state LIKE 'idle in transaction%'"))
			.as("sessions idle in transaction")
			.isEqualTo("0");
		// this database only: the server is shared
		assertThat(query("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted "
				+ "AND a.datname = current_database()"))
			.as("waiting locks")
			.isEqualTo("0");
		assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("active connections").isZero();
		assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
		// the pool is healthy: the next load succeeds
		assertThat(template.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 5_000).mapToObj(Row::of),
				Row.class, BulkOptions.defaults()))
			.isEqualTo(5_000);
		assertThat(template.count(Row.class)).isEqualTo(PREVIOUS + 5_000);
		db.execute("DELETE FROM bulk_fault WHERE id > " + PREVIOUS);
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenAPartitionsBackendIsTerminatedMidCopy() throws Exception {
		assertTerminatedMidCopy(BulkOptions.defaults());
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenAStagedPartitionsBackendIsTerminatedMidCopy() throws Exception {
		assertTerminatedMidCopy(BulkOptions.defaults().atomicity(Atomicity.STAGED));
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenAnUpsertPartitionIsTerminatedMidCopy() throws Exception {
		assertTerminatedMidCopy(BulkOptions.defaults().onConflict(OnConflict.UPDATE));
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenTheSingleCopysBackendIsTerminated() throws Exception {
		assertTerminatedMidCopy(BulkOptions.defaults().parallelism(1));
	}

	@Test
	void shouldRollBackEveryPartitionWhenOneIsTerminatedWithPerPartitionCommits() throws Exception {
		assertTerminatedMidCopy(BulkOptions.defaults().atomicity(Atomicity.PER_PARTITION));
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenTheFinalMoveFromStagingIsTerminated() throws Exception {
		db.execute("""
				CREATE FUNCTION bulk_fault_slow() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$;
				CREATE TRIGGER bulk_fault_slow AFTER INSERT ON bulk_fault FOR EACH STATEMENT
				EXECUTE FUNCTION bulk_fault_slow();
				""");
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Long> load = executor.submit(
					() -> template.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 20_000).mapToObj(Row::of),
							Row.class, BulkOptions.defaults().atomicity(Atomicity.STAGED)));
			String pid = CopyFaults.awaitRow(
					"SELECT pid FROM pg_stat_activity WHERE datname = current_database() " + "AND application_name = '"
							+ APP + "' AND state = 'active' AND query LIKE 'INSERT INTO \"bulk_fault\"%SELECT%'",
					400);
			assertThat(pid).as("the backend moving rows from staging").isNotNull();
			assertThat(query("SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
			assertThatThrownBy(load::get).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(DataAccessResourceFailureException.class)
				.hasMessageContaining("bulk_fault");
		}
		finally {
			db.execute("DROP TRIGGER bulk_fault_slow ON bulk_fault; DROP FUNCTION bulk_fault_slow()");
		}
	}

	@Test
	void shouldStopCleanlyWhenTheCallerIsInterrupted() throws Exception {
		CountDownLatch produced = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 2_000_000).mapToObj(i -> {
			if (i == PREVIOUS + 100_000) {
				produced.countDown();
				awaitQuietly(never);
			}
			return Row.of(i);
		});
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread load = Thread.ofVirtual().start(() -> {
			try {
				template.insertAll(rows, Row.class, BulkOptions.defaults());
			}
			catch (Throwable ex) {
				thrown.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		assertThat(produced.await(60, TimeUnit.SECONDS)).isTrue();
		load.interrupt();
		assertThat(load.join(Duration.ofSeconds(60))).isTrue();
		assertThat(thrown.get()).isInstanceOf(DataAccessResourceFailureException.class)
			.hasMessageContaining("interrupted");
		assertThat(stillInterrupted).as("the interrupt status is kept").isTrue();
	}

	@Test
	void shouldRollBackTheCallersTransactionWhenItsBackendIsTerminatedBetweenChunks() throws Exception {
		CountDownLatch produced = new CountDownLatch(1);
		CountDownLatch terminated = new CountDownLatch(1);
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 300_000).mapToObj(i -> {
			if (i == PREVIOUS + 100_000) {
				produced.countDown();
				awaitQuietly(terminated);
			}
			return Row.of(i);
		});
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(pool));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Long> load = executor
				.submit(() -> tx.execute(status -> template.insertAll(rows, Row.class, BulkOptions.defaults())));
			assertThat(produced.await(60, TimeUnit.SECONDS)).isTrue();
			String pid = CopyFaults.awaitRow("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
					+ "AND application_name = '" + APP + "' AND state LIKE 'idle in transaction%' LIMIT 1", 200);
			assertThat(pid).as("the caller's transaction between two COPYs").isNotNull();
			assertThat(query("SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
			terminated.countDown();
			assertThatThrownBy(load::get).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(DataAccessException.class);
		}
	}

	@Test
	void shouldFinishOnTheConnectionsItGetsWhenThePoolIsShort() throws Exception {
		try (HikariDataSource small = smallPool(); Connection held = small.getConnection()) {
			Map<Integer, AtomicLong> byPartition = new ConcurrentHashMap<>();
			PgTemplate onSmall = onePartitionWrites(small, byPartition);
			long written = onSmall.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 300_000).mapToObj(Row::of),
					Row.class, BulkOptions.defaults().parallelism(4).atomicity(Atomicity.PER_PARTITION));
			assertThat(written).isEqualTo(300_000);
			assertThat(query("SELECT count(*) FROM bulk_fault")).isEqualTo(String.valueOf(PREVIOUS + 300_000));
			// a partition that handed its work back retries the pool once when the others
			// have ended, so one
			// or two partitions write; never all four, and every row exactly once
			assertThat(byPartition).as("the others timed out on the pool and handed their work back")
				.hasSizeBetween(1, 2);
			assertThat(byPartition.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(300_000);
			held.close();
			assertThat(small.getHikariPoolMXBean().getActiveConnections()).isZero();
		}
		db.execute("DELETE FROM bulk_fault WHERE id > " + PREVIOUS);
	}

	@Test
	void shouldFailCleanlyWhenNoPartitionGetsAConnection() throws Exception {
		try (HikariDataSource small = smallPool();
				Connection one = small.getConnection();
				Connection two = small.getConnection()) {
			PgTemplate onSmall = new PgTemplate(small);
			assertThatThrownBy(
					() -> onSmall.insertAll(LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 10_000).mapToObj(Row::of),
							Row.class, BulkOptions.defaults().atomicity(Atomicity.PER_PARTITION)))
				.isInstanceOf(DataAccessException.class)
				.hasMessageContaining("bulk_fault");
			one.close();
			two.close();
			assertThat(small.getHikariPoolMXBean().getActiveConnections()).isZero();
		}
	}

	/**
	 * A template on a pool of 2 with one connection held by the test: one partition gets
	 * the free connection and keeps it to the end of the load, every other one times out
	 * on the pool (250 ms, forced, while the load takes longer) and hands its work back.
	 */
	private static PgTemplate onePartitionWrites(HikariDataSource small, Map<Integer, AtomicLong> byPartition) {
		PgTemplate onSmall = new PgTemplate(small);
		onSmall.setBulkProgressListener((table, partition,
				rows) -> byPartition.computeIfAbsent(partition, p -> new AtomicLong()).addAndGet(rows));
		return onSmall;
	}

	private static HikariDataSource smallPool() {
		HikariConfig config = new HikariConfig();
		config.setPoolName("bulk-fault-small");
		config.setJdbcUrl(pool.getJdbcUrl());
		config.setUsername(db.username());
		config.setPassword(db.password());
		config.setMaximumPoolSize(2);
		config.setConnectionTimeout(250);
		return new HikariDataSource(config);
	}

	private void assertTerminatedMidCopy(BulkOptions options) throws Exception {
		CopyFaults.assertTerminatedMidCopy(APP, "bulk_fault", PREVIOUS, Row::of,
				rows -> template.insertAll(rows, Row.class, options));
	}

	@Test
	void shouldRejectADuplicateKeyInAParallelInsertWritingNothing() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 10_001)
			.mapToObj(i -> i == PREVIOUS + 5_000 ? Row.of(17) : Row.of(i));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults()))
			.isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("bulk_fault")
			.hasMessageContaining("(id)=(17)");
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenAPartitionReadingItsSegmentOfAListIsTerminated() throws Exception {
		CopyFaults.assertTerminatedMidCopyOfList(APP, "bulk_fault", PREVIOUS, Row::of,
				rows -> template.insertAll(rows, Row.class, BulkOptions.defaults()));
	}

	@Test
	void shouldLeaveTheTableUnchangedWhenAStagedPartitionReadingItsSegmentOfAListIsTerminated() throws Exception {
		CopyFaults.assertTerminatedMidCopyOfList(APP, "bulk_fault", PREVIOUS, Row::of,
				rows -> template.insertAll(rows, Row.class, BulkOptions.defaults().atomicity(Atomicity.STAGED)));
	}

	@Test
	void shouldRejectADuplicateKeyInTheLastSegmentOfAListWritingNothing() {
		List<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 40_000)
			.mapToObj(i -> i == PREVIOUS + 39_000 ? Row.of(17) : Row.of(i))
			.toList();
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults()))
			.isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("bulk_fault")
			.hasMessageContaining("(id)=(17)");
	}

	@Test
	void shouldRejectANullElementInASegmentOfAListNamingItsPositionWritingNothing() {
		List<Row> rows = new ArrayList<>(
				LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 40_000).mapToObj(Row::of).toList());
		rows.set(25_000, null);
		for (Atomicity atomicity : List.of(Atomicity.CRASH_CONSISTENT, Atomicity.STAGED)) {
			assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults().atomicity(atomicity)))
				.isInstanceOf(InvalidDataAccessApiUsageException.class)
				.hasMessageContaining("bulk_fault")
				.hasMessageContaining("row 25000 is null");
		}
	}

	@Test
	void shouldFinishAListOnTheConnectionsItGetsWhenThePoolIsShort() throws Exception {
		try (HikariDataSource small = smallPool(); Connection held = small.getConnection()) {
			Map<Integer, AtomicLong> byPartition = new ConcurrentHashMap<>();
			PgTemplate onSmall = onePartitionWrites(small, byPartition);
			List<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 300_000).mapToObj(Row::of).toList();
			long written = onSmall.insertAll(rows, Row.class,
					BulkOptions.defaults().parallelism(4).atomicity(Atomicity.PER_PARTITION));
			assertThat(written).isEqualTo(300_000);
			assertThat(query("SELECT count(*) FROM bulk_fault")).isEqualTo(String.valueOf(PREVIOUS + 300_000));
			// a partition that handed its work back retries the pool once when the others
			// have ended, so one
			// or two partitions write; never all four, and every row exactly once
			assertThat(byPartition).as("the others timed out on the pool and handed their segments back")
				.hasSizeBetween(1, 2);
			assertThat(byPartition.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(300_000);
			held.close();
			assertThat(small.getHikariPoolMXBean().getActiveConnections()).isZero();
		}
		db.execute("DELETE FROM bulk_fault WHERE id > " + PREVIOUS);
	}

	@Test
	void shouldRejectADuplicateKeyInASingleCopyWritingNothing() {
		List<Row> rows = new ArrayList<>(
				LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 20).mapToObj(Row::of).toList());
		rows.add(Row.of(3));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class)).isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("(id)=(3)");
	}

	@Test
	void shouldRejectACheckViolationInAParallelInsertWritingNothing() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 50_000)
			.mapToObj(i -> i == PREVIOUS + 40_000 ? new Row(i, "negative", -1) : Row.of(i));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("bulk_fault_n_check");
	}

	@Test
	void shouldRejectANullInANotNullColumnWritingNothing() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 50_000)
			.mapToObj(i -> i == PREVIOUS + 33_333 ? new Row(i, null, 1) : Row.of(i));
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("\"name\"");
	}

	@Test
	void shouldReportAFailingInputStreamWritingNothing() {
		IllegalStateException boom = new IllegalStateException("boom");
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 100_000).mapToObj(i -> {
			if (i == PREVIOUS + 30_000) {
				throw boom;
			}
			return Row.of(i);
		});
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults()))
			.isInstanceOf(BulkInputException.class)
			.hasMessageContaining("bulk_fault")
			.hasMessageContaining("after 29999 rows")
			.hasCause(boom);
	}

	@Test
	void shouldReportAFailingInputStreamOnASingleConnectionWritingNothing() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 100_000).mapToObj(i -> {
			if (i == PREVIOUS + 30_000) {
				throw new IllegalStateException("boom");
			}
			return Row.of(i);
		});
		assertThatThrownBy(() -> template.insertAll(rows, Row.class, BulkOptions.defaults().parallelism(1)))
			.isInstanceOf(BulkInputException.class)
			.hasRootCauseMessage("boom");
	}

	@Test
	void shouldKeepCommittedPartitionsInPerPartitionModeAndSayWhichFailed() {
		Stream<Row> rows = LongStream.rangeClosed(PREVIOUS + 1, PREVIOUS + 200_000)
			.mapToObj(i -> i == PREVIOUS + 150_000 ? Row.of(17) : Row.of(i));
		BulkOptions perPartition = BulkOptions.defaults().atomicity(Atomicity.PER_PARTITION).parallelism(2);
		Throwable thrown = catchThrowable(() -> template.insertAll(rows, Row.class, perPartition));
		long stayed = Long.parseLong(query("SELECT count(*) FROM bulk_fault")) - PREVIOUS;
		if (thrown instanceof BulkInsertPartiallyCommittedException partial) {
			assertThat(partial.committedRows()).as("rows reported as committed").isEqualTo(stayed).isPositive();
			assertThat(partial).hasCauseInstanceOf(DuplicateKeyException.class).hasMessageContaining("(id)=(17)");
		}
		else {
			assertThat(thrown).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("partition");
			assertThat(stayed).as("no partition had committed").isZero();
		}
		db.execute("DELETE FROM bulk_fault WHERE id > " + PREVIOUS);
	}

	@Test
	void shouldCompleteConcurrentBulkInsertsAndQueriesOnASmallPoolWithoutDeadlock() throws Exception {
		BulkOptions eight = BulkOptions.defaults().parallelism(8);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Long>> loads = new ArrayList<>();
			for (int load = 0; load < 3; load++) {
				long from = PREVIOUS + 1 + load * 100_000L;
				// streams read by this thread, and a list that the partitions split into
				// segments
				loads.add(executor.submit(() -> template
					.insertAll(LongStream.range(from, from + 100_000).mapToObj(Row::of), Row.class, eight)));
			}
			for (int load = 3; load < 5; load++) {
				List<Row> rows = LongStream.range(PREVIOUS + 1 + load * 100_000L, PREVIOUS + 1 + (load + 1) * 100_000L)
					.mapToObj(Row::of)
					.toList();
				loads.add(executor.submit(() -> template.insertAll(rows, Row.class, eight)));
			}
			List<Future<Long>> queries = new ArrayList<>();
			for (int q = 0; q < 200; q++) {
				long id = 1 + q % PREVIOUS;
				queries.add(executor.submit(() -> template.findById(id, Row.class).orElseThrow().id()));
			}
			for (Future<Long> load : loads) {
				assertThat(load.get(100, TimeUnit.SECONDS)).isEqualTo(100_000);
			}
			for (Future<Long> query : queries) {
				assertThat(query.get(100, TimeUnit.SECONDS)).isPositive();
			}
		}
		assertThat(template.count(Row.class)).isEqualTo(PREVIOUS + 500_000);
		assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
		db.execute("DELETE FROM bulk_fault WHERE id > " + PREVIOUS);
	}

	static String checksum() {
		return query("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '-') "
				+ "FROM bulk_fault t");
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
