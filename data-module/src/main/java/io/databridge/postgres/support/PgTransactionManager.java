package io.databridge.postgres.support;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's {@link JdbcTransactionManager} with one exception contract: every failure to
 * begin, commit or roll back is a {@link DataAccessException}, never a
 * {@code TransactionException}.
 * <ul>
 * <li>Begin: a connection that cannot be had (the pool's {@code connectionTimeout}, a
 * server that is down, a failure setting read-only or isolation) raises
 * {@link CannotGetJdbcConnectionException}, as it does outside a transaction. No
 * statement of the transaction was sent, so {@link PgTransientFailures} deems it
 * retryable.</li>
 * <li>Commit: a connection failure after {@code COMMIT} was sent raises
 * {@link CommitOutcomeUnknownException}; an error the server answered (40001, a deferred
 * constraint) raises the translated exception, as the transaction is then known to be
 * rolled back.</li>
 * <li>Rollback: when the connection is gone the server ends the transaction with the
 * session, so the rollback is done: the failure is logged at debug level and the
 * exception that caused the rollback reaches the caller instead of being replaced by a
 * "rollback failed". Other rollback failures are translated.</li>
 * </ul>
 * data-bridge's auto-configuration registers it as the application's transaction manager
 * unless the application defines its own.
 */
public class PgTransactionManager extends JdbcTransactionManager {

	private static final Log logger = LogFactory.getLog(PgTransactionManager.class);

	/** Creates a transaction manager; set the DataSource before use. */
	public PgTransactionManager() {
	}

	/**
	 * Creates a transaction manager for a DataSource.
	 * @param dataSource the DataSource
	 */
	public PgTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		try {
			super.doBegin(transaction, definition);
		}
		catch (RuntimeException ex) {
			if (ex instanceof DataAccessException dataAccess) {
				throw dataAccess;
			}
			SQLException sql = sqlException(ex);
			String message = "Could not open a JDBC connection for transaction " + describe(definition) + ": "
					+ rootMessage(ex);
			throw (sql != null) ? new CannotGetJdbcConnectionException(message, sql)
					: new DataAccessResourceFailureException(message, ex);
		}
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		if (isConnectionClosed()) {
			throw new DataAccessResourceFailureException("The connection of the transaction was closed before "
					+ "COMMIT could be sent, so the transaction did not commit (the server rolls it back)");
		}
		try {
			super.doCommit(status);
		}
		catch (RuntimeException ex) {
			SQLException sql = sqlException(ex);
			if (isConnectionLostAfterSending(sql)) {
				throw new CommitOutcomeUnknownException("The connection failed while committing a transaction, "
						+ "so it may or may not have committed (SQLState " + sqlState(sql) + ": " + rootMessage(ex)
						+ "); check what it wrote before doing it again", ex);
			}
			throw asDataAccess("JDBC commit", ex, sql);
		}
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (RuntimeException ex) {
			SQLException sql = sqlException(ex);
			if (isConnectionFailure(sql) || isConnectionClosed()) {
				if (logger.isDebugEnabled()) {
					logger.debug("Rollback on a lost connection (SQLState " + sqlState(sql)
							+ "); the server ends the transaction with the session", ex);
				}
				return;
			}
			throw asDataAccess("JDBC rollback", ex, sql);
		}
	}

	/**
	 * Whether the connection of the current transaction is closed (pgjdbc closes it on an
	 * I/O error; a pool's proxy after it was evicted). Asks the driver, no round trip.
	 */
	private boolean isConnectionClosed() {
		if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder
				&& holder.getConnectionHandle() != null) {
			try {
				return holder.getConnection().isClosed();
			}
			catch (SQLException ex) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a failure means the connection was lost while a request was on the wire (or
	 * the server shut down under it), so the server may have acted on the request.
	 * {@code 08003} (connection does not exist) is excluded: nothing was sent.
	 */
	static boolean isConnectionLostAfterSending(@Nullable SQLException ex) {
		if (ex == null) {
			return false;
		}
		String state = ex.getSQLState();
		if (state == null) {
			return true;
		}
		return (state.startsWith("08") && !state.equals("08003")) || state.startsWith("57P0");
	}

	/** Whether a failure is the loss of the connection (SQLState class 08 or 57P0x). */
	static boolean isConnectionFailure(@Nullable SQLException ex) {
		if (ex == null) {
			return false;
		}
		String state = ex.getSQLState();
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	private RuntimeException asDataAccess(String task, RuntimeException ex, @Nullable SQLException sql) {
		if (ex instanceof DataAccessException) {
			return ex;
		}
		if (sql != null) {
			DataAccessException translated = getExceptionTranslator().translate(task, null, sql);
			return (translated != null) ? translated : new UncategorizedSQLException(task, null, sql);
		}
		return new DataAccessResourceFailureException(task + " failed: " + rootMessage(ex), ex);
	}

	static @Nullable SQLException sqlException(Throwable ex) {
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

	private static @Nullable String sqlState(@Nullable SQLException ex) {
		return (ex != null) ? ex.getSQLState() : null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static String describe(TransactionDefinition definition) {
		String name = definition.getName();
		return (name != null) ? "'" + name + "'" : "(unnamed)";
	}

}
