package io.databridge.postgres.bulk;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.stream.LongStream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crash-consistent parallel inserts by two-phase commit, against the real server (which
 * allows prepared transactions): the rows land exactly, every partition copied straight
 * into the table (a statement trigger logs the statements the table saw), nothing stays
 * prepared; the default stays one COPY, and upserts are staged.
 */
class BulkInsertTwoPhaseIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("tpc_big")
	record Big(@Id Long id, String name, int n, BigDecimal amount, Instant at) {

		static Big of(long i) {
			return new Big(i, "row-" + i, (int) (i % 1000), BigDecimal.valueOf(i, 2),
					Instant.ofEpochSecond(1_700_000_000L + i));
		}
	}

	@BeforeAll
	static void schema() {
		TwoPhaseSupport.assumeAvailable();
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE tpc_big (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL, amount numeric,
				  at timestamptz);
				CREATE TABLE tpc_log (statement text NOT NULL);
				CREATE FUNCTION tpc_log() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN INSERT INTO tpc_log VALUES (split_part(current_query(), ' ', 1)); RETURN NULL; END $$;
				CREATE TRIGGER tpc_log AFTER INSERT ON tpc_big FOR EACH STATEMENT EXECUTE FUNCTION tpc_log();
				""");
		template = new PgTemplate(db.dataSource());
		BulkSettings settings = new BulkSettings();
		settings.setChunkBytes(4096);
		template.setBulkSettings(settings);
		// settles what earlier tests left; the ledger table exists for the checks after
		// each test
		template.recoverInDoubtTransactions();
		TwoPhaseSupport.createLedger();
	}

	@BeforeEach
	void clean() {
		db.execute("TRUNCATE tpc_big, tpc_log");
	}

	@AfterEach
	void nothingLeftBehind() {
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() "
				+ "AND gid LIKE 'databridge\\_bulk\\_%'"))
			.as("prepared transactions")
			.isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).as("ledger rows").isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'databridge\\_bulk\\_%'"))
			.as("staging tables")
			.isEqualTo("0");
	}

	@ParameterizedTest
	@ValueSource(ints = { 10_001, 1_000_000 })
	@Timeout(300)
	void shouldLandEveryRowExactlyByTwoPhaseCommitWhenAskedFor(int count) {
		// read by at least two partitions, whatever the scheduling
		long written = template.insertAll(TwoPhaseSupport.readByTwoPartitions(count, i -> Big.of(i + 1L)), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT));

		assertThat(written).isEqualTo(count);
		assertThat(checksum()).isEqualTo(expectedChecksum(count));
		assertThat(query("SELECT count(DISTINCT statement) || ':' || min(statement) FROM tpc_log"))
			.as("every partition copied straight into the table")
			.isEqualTo("1:COPY");
		assertThat(Integer.parseInt(query("SELECT count(*) FROM tpc_log"))).as("partitions").isBetween(2, 4);
	}

	@Test
	void shouldRunOneCopyByDefaultEvenWhenTheServerAllowsPreparedTransactions() {
		long written = template.insertAll(LongStream.rangeClosed(1, 10_001).mapToObj(Big::of), Big.class,
				BulkOptions.defaults());

		assertThat(written).isEqualTo(10_001);
		assertThat(checksum()).isEqualTo(expectedChecksum(10_001));
		assertThat(query("SELECT string_agg(statement, ',') FROM tpc_log")).as("one COPY, no partitions")
			.isEqualTo("COPY");
	}

	@Test
	void shouldStageUpsertsEvenWhenTwoPhaseCommitIsAvailable() {
		template.insertAll(LongStream.rangeClosed(1, 100).mapToObj(Big::of).toList(), Big.class);
		db.execute("TRUNCATE tpc_log");

		long written = template.insertAll(LongStream.rangeClosed(1, 10_001).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().onConflict(OnConflict.IGNORE));

		assertThat(written).isEqualTo(10_001 - 100);
		assertThat(checksum()).isEqualTo(expectedChecksum(10_001));
		assertThat(query("SELECT string_agg(statement, ',') FROM tpc_log")).isEqualTo("INSERT");
	}

	@Test
	void shouldRejectTwoPhaseCommitForAnUpsertBeforeWritingAnything() {
		assertThatThrownBy(() -> template.insertAll(LongStream.rangeClosed(1, 10_001).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT).onConflict(OnConflict.UPDATE)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("tpc_big")
			.hasMessageContaining("CRASH_CONSISTENT");
		assertThat(query("SELECT count(*) FROM tpc_big")).isEqualTo("0");
	}

	@Test
	void shouldRejectTwoPhaseCommitWithMorePartitionsThanThePreparedTransactionsTheServerAllows() {
		int max = Integer.parseInt(query("SHOW max_prepared_transactions"));
		assertThatThrownBy(() -> template.insertAll(LongStream.rangeClosed(1, 10_001).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT).parallelism(max + 1)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("max_prepared_transactions");
		assertThat(query("SELECT count(*) FROM tpc_big")).isEqualTo("0");
	}

	static String expectedChecksum(int count) {
		return count + ":" + query("SELECT md5(string_agg(format('%s|%s|%s|%s|%s', g, 'row-' || g, g % 1000, "
				+ "round(g / 100.0, 2), to_timestamp(1700000000 + g)), ',' ORDER BY g)) FROM generate_series(1, "
				+ count + ") g");
	}

	static String checksum() {
		return query("SELECT count(*) || ':' || md5(string_agg(format('%s|%s|%s|%s|%s', id, name, n, amount, at), ',' "
				+ "ORDER BY id)) FROM tpc_big");
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

}
