package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.bulk.TwoPhaseSupport;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-phase-commit protocol and its recovery against the real server: prepared
 * transactions made by hand in our id format are committed when their load recorded the
 * decision and rolled back otherwise, at once; loads whose lease is held, running ones
 * and foreign ones are left alone; a coordinator whose transactions recovery settled
 * first cannot decide to commit; and a load that stops right after its first COMMIT
 * PREPARED is completed by the periodic recovery.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoPhaseCommitIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("tpr_row")
	record Row(@Id Long id, String name) {

		static Row of(long i) {
			return new Row(i, "row-" + i);
		}
	}

	@BeforeAll
	static void setUp() {
		TwoPhaseSupport.assumeAvailable();
		db = TestDatabase.shared();
		db.execute("CREATE TABLE tpr_row (id bigint PRIMARY KEY, name text NOT NULL)");
		template = new PgTemplate(db.dataSource());
		template.unwrap(DefaultBulkInserter.class).recoverInDoubtTransactions();
		TwoPhaseSupport.createLedger();
	}

	@BeforeEach
	void clean() {
		db.execute("TRUNCATE tpr_row; DELETE FROM databridge_2pc_ledger");
	}

	@AfterEach
	void rollBackWhatIsLeft() throws SQLException {
		template.unwrap(DefaultBulkInserter.class).afterFirstCommitPrepared(null);
		try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
			List<String> left = new java.util.ArrayList<>();
			try (ResultSet rs = statement
				.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
				while (rs.next()) {
					left.add(rs.getString(1));
				}
			}
			for (String gid : left) {
				statement.execute("ROLLBACK PREPARED '" + gid + "'");
			}
			assertThat(left).as("prepared transactions left by the test").isEmpty();
		}
	}

	@Test
	void shouldCommitLoadsWithADecisionAndRollBackTheOthers() throws SQLException {
		prepare("aaaaaaaaaaaaaaaa", 0, 1, 3);
		prepare("aaaaaaaaaaaaaaaa", 1, 4, 6);
		db.execute("INSERT INTO databridge_2pc_ledger (load_id, committed) VALUES ('aaaaaaaaaaaaaaaa', true)");
		prepare("bbbbbbbbbbbbbbbb", 0, 10, 12);
		prepare("bbbbbbbbbbbbbbbb", 1, 13, 15);

		InDoubtResolution resolution = template.unwrap(DefaultBulkInserter.class).recoverInDoubtTransactions();

		assertThat(resolution.committed()).containsExactlyInAnyOrder("databridge_bulk_aaaaaaaaaaaaaaaa_0",
				"databridge_bulk_aaaaaaaaaaaaaaaa_1");
		assertThat(resolution.rolledBack()).containsExactlyInAnyOrder("databridge_bulk_bbbbbbbbbbbbbbbb_0",
				"databridge_bulk_bbbbbbbbbbbbbbbb_1");
		assertThat(query("SELECT string_agg(id::text, ',' ORDER BY id) FROM tpr_row")).isEqualTo("1,2,3,4,5,6");
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")).isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).as("ledger rows").isEqualTo("0");
	}

	@Test
	void shouldLeaveLoadsWhoseLeaseIsHeldRunningLoadsAndForeignTransactionsAloneWithoutAnyGrace() throws SQLException {
		prepare("cccccccccccccccc", 0, 1, 2);
		prepare("dddddddddddddddd", 0, 7, 8);
		String running = TwoPhaseCommit.start();
		try (Connection otherJvm = db.openConnection()) {
			assertThat(LoadLease.tryAcquire(otherJvm, "dddddddddddddddd")).as("a live coordinator's lease").isTrue();
			prepare(running, 0, 3, 4);
			prepareRaw("someone_elses_xact", 5, 6);

			InDoubtResolution resolution = template.unwrap(DefaultBulkInserter.class).recoverInDoubtTransactions();

			assertThat(resolution.committed()).isEmpty();
			assertThat(resolution.rolledBack()).as("prepared a moment ago, but nobody holds its lease")
				.containsExactly("databridge_bulk_cccccccccccccccc_0");
			assertThat(resolution.live()).containsExactly("databridge_bulk_dddddddddddddddd_0");
			// the running load's id is random, so compare the set rather than an order
			assertThat(query("SELECT string_agg(gid, ',') FROM pg_prepared_xacts WHERE database = current_database()")
				.split(",")).containsExactlyInAnyOrder(TwoPhaseCommit.gid(running, 0),
						"databridge_bulk_dddddddddddddddd_0", "someone_elses_xact");
		}
		finally {
			TwoPhaseCommit.finished(running);
			db.execute("ROLLBACK PREPARED 'someone_elses_xact'");
		}
		assertThat(template.unwrap(DefaultBulkInserter.class).recoverInDoubtTransactions().rolledBack())
			.as("the other coordinator's session and this JVM's load are gone")
			.containsExactlyInAnyOrder(TwoPhaseCommit.gid(running, 0), "databridge_bulk_dddddddddddddddd_0");
		assertThat(query("SELECT count(*) FROM tpr_row")).isEqualTo("0");
	}

	@Test
	void shouldRefuseTheCommitDecisionOnceRecoveryHasSettledTheLoad() throws SQLException {
		String load = TwoPhaseCommit.start();
		try {
			prepare(load, 0, 1, 2);
			prepare(load, 1, 3, 4);
			Set<String> prepared = Set.of(TwoPhaseCommit.gid(load, 0), TwoPhaseCommit.gid(load, 1));
			try (Connection connection = db.openConnection()) {
				// recovery came first: it recorded an abort
				db.execute("INSERT INTO databridge_2pc_ledger (load_id, committed) VALUES ('" + load + "', false)");
				assertThat(TwoPhaseCommit.decideCommit(connection, load, prepared)).isFalse();
				db.execute("DELETE FROM databridge_2pc_ledger");
				// recovery came first and rolled one transaction back, its abort row
				// already gone
				db.execute("ROLLBACK PREPARED '" + TwoPhaseCommit.gid(load, 1) + "'");
				assertThat(TwoPhaseCommit.decideCommit(connection, load, prepared)).isFalse();
				assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).as("decision rolled back")
					.isEqualTo("0");
				TwoPhaseCommit.rollBack(connection, load);
			}
		}
		finally {
			TwoPhaseCommit.finished(load);
		}
		assertThat(query("SELECT count(*) FROM tpr_row")).isEqualTo("0");
	}

	@Test
	void shouldCompleteALoadThatStoppedRightAfterItsFirstCommitByTheNextPeriodicRecoveryWithinFiveSeconds()
			throws Exception {
		PgTemplate stopping = new PgTemplate(db.dataSource());
		BulkSettings settings = new BulkSettings();
		settings.setRecoveryInterval(Duration.ofSeconds(1));
		settings.setChunkBytes(4096);
		stopping.setBulkSettings(settings);
		stopping.unwrap(DefaultBulkInserter.class).afterFirstCommitPrepared(() -> {
			throw new SimulatedCrash();
		});
		// at least two partitions, so that the first commit is not the whole load
		assertThatThrownBy(() -> stopping.insertAll(TwoPhaseSupport.readByTwoPartitions(100_000, i -> Row.of(i + 1L)),
				Row.class, BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT).parallelism(4)))
			.isInstanceOf(SimulatedCrash.class);
		long stoppedAt = System.nanoTime();
		long landed = Long.parseLong(query("SELECT count(*) FROM tpr_row"));
		assertThat(landed).as("one partition committed").isBetween(1L, 99_999L);

		String expected = query("SELECT count(*) || ':' || md5(string_agg(g || '|row-' || g, ',' ORDER BY g)) "
				+ "FROM generate_series(1, 100000) g");
		String actual = null;
		while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(5) && !expected.equals(actual)) {
			Thread.sleep(100);
			actual = query(
					"SELECT count(*) || ':' || md5(string_agg(id || '|' || name, ',' ORDER BY id)) FROM tpr_row");
		}
		assertThat(actual).as("completed by the periodic recovery within 5 s").isEqualTo(expected);
		while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(10)
				&& !"0".equals(query("SELECT count(*) FROM databridge_2pc_ledger"))) {
			Thread.sleep(100);
		}
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")).isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).isEqualTo("0");
	}

	@Test
	void shouldSettleLoadsLeftInDoubtBeforeEveryCrashConsistentLoad() throws SQLException {
		prepare("dddddddddddddddd", 0, 200_001, 200_003);
		db.execute("INSERT INTO databridge_2pc_ledger (load_id, committed) VALUES ('dddddddddddddddd', true)");
		prepare("eeeeeeeeeeeeeeee", 0, 300_001, 300_003);
		PgTemplate fresh = new PgTemplate(db.dataSource());
		BulkSettings settings = new BulkSettings();
		settings.setAtomicity(Atomicity.CRASH_CONSISTENT);
		fresh.setBulkSettings(settings);

		// more rows than fit the read-ahead (one COPY, no two-phase commit): the load
		// runs in partitions
		fresh.insertAll(LongStream.rangeClosed(1, 100_000).mapToObj(Row::of), Row.class, BulkOptions.defaults());

		assertThat(query("SELECT count(*) FROM tpr_row")).isEqualTo("100003");
		assertThat(query("SELECT string_agg(id::text, ',' ORDER BY id) FROM tpr_row WHERE id > 100000"))
			.isEqualTo("200001,200002,200003");
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")).isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).isEqualTo("0");
	}

	@Test
	void shouldReadLoadIdsOnlyFromOurTransactionIds() {
		assertThat(TwoPhaseCommit.loadOf(TwoPhaseCommit.gid("0123456789abcdef", 7))).isEqualTo("0123456789abcdef");
		assertThat(TwoPhaseCommit.loadOf("databridge_bulk_")).isNull();
		assertThat(TwoPhaseCommit.loadOf("databridge_bulk__3")).isNull();
		assertThat(TwoPhaseCommit.loadOf("other_0123_1")).isNull();
		assertThat(TwoPhaseCommit.start()).matches("[0-9a-f]{16}").isNotEqualTo(TwoPhaseCommit.start());
	}

	private static void prepare(String load, int partition, long from, long to) throws SQLException {
		prepareRaw(TwoPhaseCommit.gid(load, partition), from, to);
	}

	private static void prepareRaw(String gid, long from, long to) throws SQLException {
		try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement
				.execute("INSERT INTO tpr_row SELECT g, 'row-' || g FROM generate_series(" + from + ", " + to + ") g");
			statement.execute("PREPARE TRANSACTION '" + gid + "'");
			connection.setAutoCommit(true);
		}
	}

	static String query(String sql) {
		try (Connection connection = db.openConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			assertThat(rs.next()).as(sql).isTrue();
			return rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Stops a load where the JVM would have died. */
	static final class SimulatedCrash extends Error {

		private static final long serialVersionUID = 1L;

	}

}
