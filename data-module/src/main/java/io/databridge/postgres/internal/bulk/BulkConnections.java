package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

import javax.sql.DataSource;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * The connections of the bulk engine outside a caller's transaction, and its one
 * translation of {@link SqlFailure}s into Spring's {@link DataAccessException}s. Every
 * connection is a fresh one from the pool, never one bound to the thread, and goes back
 * in a {@code finally} block. Thread-safe.
 */
final class BulkConnections {

	private static final String SHOW_MAX_PREPARED = SqlRenderer.render(new Sql.Show("max_prepared_transactions"));

	private final DataSource dataSource;

	private final SQLExceptionTranslator translator;

	private volatile int maxPreparedTransactions = -1;

	BulkConnections(DataSource dataSource, SQLExceptionTranslator translator) {
		this.dataSource = dataSource;
		this.translator = translator;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Borrows a connection from the pool, waiting at most the pool's connection timeout.
	 */
	Connection borrow() {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new SqlFailure("getConnection", -1, ex);
		}
	}

	/** Gives a connection back; a broken one is left to the pool to evict. */
	static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ignored) {
			// a broken connection; the pool has evicted it
		}
	}

	/** The process id of a connection's backend (known to pgjdbc, no round trip). */
	static int backendPid(Connection connection) {
		try {
			return connection.unwrap(PGConnection.class).getBackendPID();
		}
		catch (SQLException ex) {
			throw new SqlFailure("getBackendPID", -1, ex);
		}
	}

	/** Runs work on a connection borrowed for it and returned after. */
	<R> R withConnection(Function<Connection, R> work) {
		Connection connection = borrow();
		try {
			return work.apply(connection);
		}
		finally {
			close(connection);
		}
	}

	/** The server's {@code max_prepared_transactions}, read once. */
	int maxPreparedTransactions() {
		int known = this.maxPreparedTransactions;
		return known >= 0 ? known : withConnection(this::maxPreparedTransactions);
	}

	/** The server's {@code max_prepared_transactions}, read once, on this connection. */
	int maxPreparedTransactions(Connection connection) {
		int known = this.maxPreparedTransactions;
		if (known >= 0) {
			return known;
		}
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(SHOW_MAX_PREPARED)) {
			rs.next();
			known = Integer.parseInt(rs.getString(1));
		}
		catch (SQLException ex) {
			throw new SqlFailure(SHOW_MAX_PREPARED, -1, ex);
		}
		this.maxPreparedTransactions = known;
		return known;
	}

	/** The Spring exception for a failed step, naming the table and the partition. */
	DataAccessException translate(String table, SqlFailure failure) {
		String task = "Bulk insert into " + table
				+ (failure.partition >= 0 ? " (partition " + failure.partition + ")" : "");
		SQLException cause = failure.sqlException();
		DataAccessException translated = this.translator.translate(task, failure.sql, cause);
		DataAccessException result = translated != null ? translated
				: new UncategorizedSQLException(task, failure.sql, cause);
		for (Throwable suppressed : failure.getSuppressed()) {
			result.addSuppressed(suppressed);
		}
		return result;
	}

	/**
	 * Runs cleanup after a failure without losing it: the cleanup's own failure is added
	 * to it, not thrown. An interrupt of the caller would close the socket of the
	 * cleanup, so it is held back until after it.
	 */
	static void afterFailure(Throwable failure, Runnable cleanup) {
		boolean interrupted = Thread.interrupted();
		try {
			cleanup.run();
		}
		catch (RuntimeException cleanupFailure) {
			failure.addSuppressed(cleanupFailure);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
