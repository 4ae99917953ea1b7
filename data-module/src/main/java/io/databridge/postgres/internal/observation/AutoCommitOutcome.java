package io.databridge.postgres.internal.observation;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.databridge.postgres.support.CommitOutcomeUnknownException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.JdbcAccessor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells a write sent in auto-commit (outside a transaction) whose connection was lost
 * before the server answered apart from one that failed: PostgreSQL commits such a
 * statement by itself when it ends, so the row may be there although the call failed.
 * That failure becomes a {@link CommitOutcomeUnknownException}, as a lost {@code COMMIT}
 * does in {@code PgTransactionManager}; every other failure is left as it is. Only
 * failures are classified, so the statements that succeed pay nothing.
 *
 * <p>
 * Lost after sending: SQLState class {@code 08} except {@code 08003} (no connection, so
 * nothing was sent), {@code 57P0x} (the server shut down under the statement), or no
 * SQLState; a connection that could not be had ({@link CannotGetJdbcConnectionException})
 * never is. A write is any statement but a plain query ({@code SELECT}, {@code VALUES},
 * {@code TABLE}, a {@code WITH} without {@code INSERT}, {@code UPDATE}, {@code DELETE} or
 * {@code MERGE}). Inside a transaction on the same DataSource nothing changes: the
 * transaction never commits, and its commit is the transaction manager's business.
 */
public final class AutoCommitOutcome {

	private static final Pattern MODIFYING = Pattern.compile("\\b(insert|update|delete|merge)\\b",
			Pattern.CASE_INSENSITIVE);

	private AutoCommitOutcome() {
	}

	/**
	 * The exception to throw for a failed statement.
	 * @param jdbc the operations the statement ran on (its DataSource tells the
	 * transaction apart)
	 * @param table the table written, for the message
	 * @param sql the statement
	 * @param failure how it failed
	 * @return a {@link CommitOutcomeUnknownException} for an auto-commit write whose
	 * connection was lost after sending, else {@code failure}
	 */
	public static DataAccessException of(JdbcOperations jdbc, String table, String sql, DataAccessException failure) {
		DataSource dataSource = (jdbc instanceof JdbcAccessor accessor) ? accessor.getDataSource() : null;
		return of(dataSource, table, sql, failure);
	}

	/**
	 * The exception to throw for a failed statement.
	 * @param dataSource the DataSource the statement ran on, or {@code null} if unknown
	 * @param table the table written, for the message
	 * @param sql the statement
	 * @param failure how it failed
	 * @return a {@link CommitOutcomeUnknownException} for an auto-commit write whose
	 * connection was lost after sending, else {@code failure}
	 */
	public static DataAccessException of(@Nullable DataSource dataSource, String table, String sql,
			DataAccessException failure) {
		if (failure instanceof CommitOutcomeUnknownException || failure instanceof CannotGetJdbcConnectionException
				|| inTransaction(dataSource) || !isWrite(sql)) {
			return failure;
		}
		SQLException cause = sqlException(failure);
		if (cause == null || !isLostAfterSending(cause)) {
			return failure;
		}
		return new CommitOutcomeUnknownException("The connection failed while a write to " + table
				+ " ran in auto-commit (outside a transaction), so PostgreSQL may or may not have committed it "
				+ "(SQLState " + cause.getSQLState() + ": " + cause.getMessage()
				+ "); check what it wrote before doing it again", failure);
	}

	static boolean inTransaction(@Nullable DataSource dataSource) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		return dataSource == null || TransactionSynchronizationManager.getResource(dataSource) != null;
	}

	static boolean isWrite(String sql) {
		String operation = StatementObserver.operation(sql);
		if (!operation.equals("select")) {
			return true;
		}
		return sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("with") && MODIFYING.matcher(sql).find();
	}

	static boolean isLostAfterSending(SQLException ex) {
		String state = ex.getSQLState();
		if (state == null) {
			return true;
		}
		return (state.startsWith("08") && !state.equals("08003")) || state.startsWith("57P0");
	}

	private static @Nullable SQLException sqlException(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SQLException sql) {
				return sql;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
