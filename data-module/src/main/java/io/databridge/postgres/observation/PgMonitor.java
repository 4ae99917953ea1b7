package io.databridge.postgres.observation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.databridge.postgres.internal.sql.MonitorSql;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.util.Assert;

/**
 * Reads the server's status and statistics for health indicators and metrics, each read
 * one round trip on a connection of its own (never the caller's transaction).
 *
 * <p>
 * Every read is bounded: it runs on a virtual thread and the caller waits at most the
 * timeout given at construction, whatever the network or the pool does (a pool with no
 * free connection, a server that stopped answering). The statement also carries that
 * timeout as its query timeout. On timeout the reading thread is interrupted and the call
 * throws {@link QueryTimeoutException}. At most one read runs at a time per monitor: a
 * call made while an earlier one still runs fails at once rather than piling up threads
 * on a dead server. Thread-safe.
 */
public class PgMonitor {

	private final DataSource dataSource;

	private final Duration timeout;

	private final SQLExceptionTranslator translator;

	/** Reads abandoned at their timeout that still run (waiting on a dead server). */
	private final AtomicInteger abandoned = new AtomicInteger();

	/**
	 * Creates a monitor.
	 * @param dataSource where to read (a connection is borrowed per read)
	 * @param timeout the longest a read may take, connection borrowing included; positive
	 */
	public PgMonitor(DataSource dataSource, Duration timeout) {
		Assert.notNull(dataSource, "DataSource must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "Timeout must be positive");
		this.dataSource = dataSource;
		this.timeout = timeout;
		this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	/** The longest a read may take. */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Reads the server's version, role, replay lag and the bulk loads left in doubt.
	 * @throws QueryTimeoutException when the read did not finish within the timeout
	 * @throws DataAccessException when the read failed
	 */
	public PgServerStatus serverStatus() {
		return bounded("server status", this::readServerStatus);
	}

	/**
	 * Reads the current database's row of {@code pg_stat_database}.
	 * @throws QueryTimeoutException when the read did not finish within the timeout
	 * @throws DataAccessException when the read failed
	 */
	public PgDatabaseStatistics databaseStatistics() {
		return bounded("database statistics", this::readDatabaseStatistics);
	}

	/**
	 * Reads {@code pg_stat_user_tables} for the given tables in one round trip.
	 * @param tables table names, optionally schema-qualified ({@code schema.table});
	 * tables that do not exist are left out of the result
	 * @throws QueryTimeoutException when the read did not finish within the timeout
	 * @throws DataAccessException when the read failed
	 */
	public List<PgTableStatistics> tableStatistics(Collection<String> tables) {
		Assert.notNull(tables, "Tables must not be null");
		if (tables.isEmpty()) {
			return List.of();
		}
		String[] names = tables.toArray(String[]::new);
		return bounded("table statistics", (connection) -> readTableStatistics(connection, names));
	}

	private PgServerStatus readServerStatus(Connection connection) throws SQLException {
		try (PreparedStatement statement = prepare(connection, MonitorSql.SERVER_STATUS);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			long inDoubt = rs.getLong(4);
			return new PgServerStatus(rs.getString(1), rs.getBoolean(2), seconds(rs, 3), inDoubt, seconds(rs, 5));
		}
	}

	private PgDatabaseStatistics readDatabaseStatistics(Connection connection) throws SQLException {
		try (PreparedStatement statement = prepare(connection, MonitorSql.DATABASE_STATISTICS);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return new PgDatabaseStatistics(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
					rs.getLong(12), rs.getLong(13), rs.getLong(14));
		}
	}

	private List<PgTableStatistics> readTableStatistics(Connection connection, String[] tables) throws SQLException {
		try (PreparedStatement statement = prepare(connection, MonitorSql.TABLE_STATISTICS)) {
			Array array = connection.createArrayOf("text", tables);
			statement.setArray(1, array);
			List<PgTableStatistics> result = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					result.add(new PgTableStatistics(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
							rs.getLong(5), seconds(rs, 6), seconds(rs, 7)));
				}
			}
			return result;
		}
	}

	private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		statement.setQueryTimeout((int) Math.max(1, (this.timeout.toMillis() + 999) / 1000));
		return statement;
	}

	private static @Nullable Duration seconds(ResultSet rs, int column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : Duration.ofNanos((long) (value * 1_000_000_000d));
	}

	private <T> T bounded(String what, Read<T> read) {
		if (this.abandoned.get() > 0) {
			throw new TransientDataAccessResourceException("Reading the " + what
					+ " skipped: an earlier read that did not finish within " + this.timeout + " still waits");
		}
		FutureTask<T> task = new FutureTask<>(() -> {
			try (Connection connection = this.dataSource.getConnection()) {
				return read.from(connection);
			}
		});
		// 0 running, 1 finished, 2 abandoned by its caller at the timeout
		AtomicInteger state = new AtomicInteger();
		Thread.ofVirtual().name("databridge-monitor").start(() -> {
			try {
				task.run();
			}
			finally {
				if (!state.compareAndSet(0, 1)) {
					this.abandoned.decrementAndGet();
				}
			}
		});
		try {
			return task.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			abandon(task, state);
			throw new QueryTimeoutException("Reading the " + what + " did not finish within " + this.timeout, ex);
		}
		catch (InterruptedException ex) {
			abandon(task, state);
			Thread.currentThread().interrupt();
			throw new QueryTimeoutException("Interrupted while reading the " + what, ex);
		}
		catch (ExecutionException ex) {
			throw translate(what, ex.getCause());
		}
	}

	private void abandon(FutureTask<?> task, AtomicInteger state) {
		if (state.compareAndSet(0, 2)) {
			this.abandoned.incrementAndGet();
		}
		task.cancel(true);
	}

	private DataAccessException translate(String what, Throwable cause) {
		if (cause instanceof DataAccessException dae) {
			return dae;
		}
		if (cause instanceof SQLException sql) {
			DataAccessException translated = this.translator.translate("Reading the " + what, null, sql);
			if (translated != null) {
				return translated;
			}
		}
		return new TransientDataAccessResourceException("Reading the " + what + " failed: " + cause, cause);
	}

	@FunctionalInterface
	private interface Read<T> {

		T from(Connection connection) throws SQLException;

	}

}
