package io.databridge.postgres.internal.observation;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.databridge.postgres.support.CommitOutcomeUnknownException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed statements {@link AutoCommitOutcome} reports as having an unknown outcome.
 */
class AutoCommitOutcomeTests {

	private static final String INSERT = "INSERT INTO t (id) VALUES (?)";

	@Test
	void aWriteInAutoCommitLostAfterSendingHasAnUnknownOutcome() {
		for (String state : new String[] { "08006", "08000", "57P01", "57P02", null }) {
			DataAccessException failure = lost(state);
			assertThat(AutoCommitOutcome.of((javax.sql.DataSource) null, "t", INSERT, failure)).as(state)
				.isInstanceOf(CommitOutcomeUnknownException.class)
				.hasMessageContaining("t")
				.hasCause(failure);
		}
		for (String sql : new String[] { "UPDATE t SET x = 1", "delete from t", " MERGE INTO t USING s ON true",
				"WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x" }) {
			assertThat(AutoCommitOutcome.isWrite(sql)).as(sql).isTrue();
		}
	}

	@Test
	void readsFailuresTheServerAnsweredAndConnectionsNeverHadAreUnchanged() {
		DataAccessException lost = lost("08006");
		for (String sql : new String[] { "SELECT * FROM t", "values (1)", "WITH x AS (SELECT 1) SELECT * FROM x" }) {
			assertThat(AutoCommitOutcome.of((javax.sql.DataSource) null, "t", sql, lost)).as(sql).isSameAs(lost);
		}
		DataAccessException closed = lost("08003");
		assertThat(AutoCommitOutcome.of((javax.sql.DataSource) null, "t", INSERT, closed)).isSameAs(closed);
		DataAccessException duplicate = new DataIntegrityViolationException("duplicate",
				new SQLException("duplicate key", "23505"));
		assertThat(AutoCommitOutcome.of((javax.sql.DataSource) null, "t", INSERT, duplicate)).isSameAs(duplicate);
		DataAccessException noConnection = new CannotGetJdbcConnectionException("no connection",
				new SQLTransientConnectionException("Connection is not available"));
		assertThat(AutoCommitOutcome.of((javax.sql.DataSource) null, "t", INSERT, noConnection)).isSameAs(noConnection);
	}

	@Test
	void insideATransactionOnTheDataSourceNothingChanges() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource();
		DataAccessException lost = lost("08006");
		TransactionSynchronizationManager.setActualTransactionActive(true);
		try {
			assertThat(AutoCommitOutcome.of(dataSource, "t", INSERT, lost))
				.as("a transaction on another DataSource: this statement is in auto-commit")
				.isInstanceOf(CommitOutcomeUnknownException.class);
			TransactionSynchronizationManager.bindResource(dataSource, new Object());
			try {
				assertThat(AutoCommitOutcome.of(dataSource, "t", INSERT, lost)).isSameAs(lost);
			}
			finally {
				TransactionSynchronizationManager.unbindResource(dataSource);
			}
		}
		finally {
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}
	}

	private static DataAccessException lost(String state) {
		return new DataAccessResourceFailureException("lost",
				new SQLException("An I/O error occurred while sending to the backend.", state));
	}

}
