package io.databridge.postgres.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write whose connection is lost while the server runs it: a trigger holds the
 * statement, and the test ends the backend ({@code pg_terminate_backend}, only that
 * session) under it. In auto-commit (no transaction) PostgreSQL commits a statement by
 * itself, so the caller cannot know whether it did: the call fails as a
 * {@link CommitOutcomeUnknownException}. Inside a transaction the same loss is a plain
 * failure, as the transaction can no longer commit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoCommitOutcomeIntegrationTests {

	static PgTemplate template;

	static JdbcTemplate admin;

	@Table("ac_row")
	record Row(@Id Long id, String note) {
	}

	@Table("ac_counter")
	record Counter(@Id Long id, String note, @Version Long version) {
	}

	@BeforeAll
	static void schema() {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE ac_row (id bigint PRIMARY KEY, note text NOT NULL)");
		db.execute("CREATE TABLE ac_counter (id bigint PRIMARY KEY, note text NOT NULL, version bigint)");
		db.execute("CREATE FUNCTION ac_hold() RETURNS trigger LANGUAGE plpgsql AS "
				+ "$$ BEGIN IF NEW.note = 'hold' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$");
		db.execute(
				"CREATE TRIGGER ac_row_hold BEFORE INSERT OR UPDATE ON ac_row FOR EACH ROW EXECUTE FUNCTION ac_hold()");
		db.execute("CREATE TRIGGER ac_counter_hold BEFORE INSERT OR UPDATE ON ac_counter "
				+ "FOR EACH ROW EXECUTE FUNCTION ac_hold()");
		template = new PgTemplate(db.dataSource());
		admin = new JdbcTemplate(db.dataSource());
	}

	@BeforeEach
	void clean() {
		admin.execute("DELETE FROM ac_row");
		admin.execute("DELETE FROM ac_counter");
	}

	@Test
	void anAutoCommitInsertWhoseConnectionIsLostHasAnUnknownOutcome() throws Exception {
		Throwable failure = failureWhenTheBackendEnds("INSERT INTO%ac_row", () -> template.insert(new Row(1L, "hold")));
		assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class)
			.hasMessageContaining("ac_row")
			.hasMessageContaining("auto-commit");
	}

	@Test
	void anAutoCommitVersionedUpdateWhoseConnectionIsLostHasAnUnknownOutcome() throws Exception {
		Counter saved = template.insert(new Counter(1L, "ok", null));
		Throwable failure = failureWhenTheBackendEnds("UPDATE%ac_counter",
				() -> template.update(new Counter(1L, "hold", saved.version())));
		assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class).hasMessageContaining("ac_counter");
		assertThat(template.findById(1L, Counter.class)).get().extracting(Counter::note).isEqualTo("ok");
	}

	@Test
	void theSameLossInsideATransactionIsAPlainFailure() throws Exception {
		TransactionTemplate transaction = new TransactionTemplate(template.getTransactionManager());
		Throwable failure = failureWhenTheBackendEnds("INSERT INTO%ac_row",
				() -> transaction.execute((status) -> template.insert(new Row(2L, "hold"))));
		assertThat(failure).isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(CommitOutcomeUnknownException.class);
		assertThat(template.findById(2L, Row.class)).isEmpty();
	}

	@Test
	void readsAndWritesThatSucceedOrFailOnTheServerAreUnchanged() {
		template.insert(new Row(3L, "ok"));
		assertThatThrownBy(() -> template.insert(new Row(3L, "again"))).isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(CommitOutcomeUnknownException.class);
		assertThat(template.findById(3L, Row.class)).get().extracting(Row::note).isEqualTo("ok");
	}

	/**
	 * Runs the write, ends its backend once the statement is held by the trigger, and
	 * returns how the write failed.
	 */
	private static Throwable failureWhenTheBackendEnds(String queryLike, Supplier<?> write) throws Exception {
		CompletableFuture<?> call = CompletableFuture.supplyAsync(write);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		Integer ended = 0;
		while (ended == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			ended = admin.queryForObject("SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity "
					+ "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' "
					+ "AND query LIKE ?", Integer.class, queryLike + "%");
		}
		assertThat(ended).as("backends ended").isEqualTo(1);
		try {
			call.get(30, TimeUnit.SECONDS);
			throw new AssertionError("The write succeeded although its backend was ended");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

}
