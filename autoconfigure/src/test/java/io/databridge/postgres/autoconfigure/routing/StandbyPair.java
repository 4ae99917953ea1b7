package io.databridge.postgres.autoconfigure.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The primary and streaming standby that {@code scripts/standby.sh start} runs (ports
 * 5441 and 5442), or the ones named by {@code DATABRIDGE_TEST_PRIMARY_URL} and
 * {@code DATABRIDGE_TEST_STANDBY_URL} (server URLs without a database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5441/}). Each test class works in a database of its
 * own, created on the primary and waited for on the standby.
 */
final class StandbyPair {

	static final String PRIMARY = setting("DATABRIDGE_TEST_PRIMARY_URL", "jdbc:postgresql://127.0.0.1:5441/");

	static final String STANDBY = setting("DATABRIDGE_TEST_STANDBY_URL", "jdbc:postgresql://127.0.0.1:5442/");

	private static final String USER = setting("DATABRIDGE_TEST_REPLICA_USER", "postgres");

	private StandbyPair() {
	}

	/**
	 * Why the tests cannot run, or {@code null} when the primary and its standby answer.
	 */
	static @Nullable String unavailableReason() {
		try {
			if (inRecovery(PRIMARY + "postgres")) {
				return "the primary " + PRIMARY + " is in recovery";
			}
			if (!inRecovery(STANDBY + "postgres")) {
				return "the standby " + STANDBY + " is not in recovery";
			}
			return null;
		}
		catch (SQLException ex) {
			return "no primary and standby on " + PRIMARY + " and " + STANDBY
					+ " (run scripts/standby.sh start, or set DATABRIDGE_TEST_PRIMARY_URL and DATABRIDGE_TEST_STANDBY_URL): "
					+ ex.getMessage();
		}
	}

	/** Creates a database on the primary and waits until the standby has it. */
	static String createDatabase() {
		String name = "replica_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		execute(PRIMARY + "postgres", "CREATE DATABASE " + name);
		awaitOnStandby(name, "SELECT 1");
		return name;
	}

	static void dropDatabase(String name) {
		execute(PRIMARY + "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	/**
	 * Waits until a query on the standby's database answers, e.g. once a table
	 * replicated.
	 */
	static void awaitOnStandby(String database, String sql) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			try (Connection connection = connect(STANDBY + database);
					Statement statement = connection.createStatement()) {
				statement.executeQuery(sql).close();
				return;
			}
			catch (SQLException ex) {
				last = ex;
				sleep(Duration.ofMillis(50));
			}
		}
		throw new IllegalStateException("The standby did not replay '" + sql + "' in " + database + " within 30 s",
				last);
	}

	/**
	 * Waits until the standby has replayed everything the primary has written so far (its
	 * replay position passes the primary's current WAL position).
	 */
	static void awaitReplayed() {
		String lsn;
		try (Connection connection = connect(PRIMARY + "postgres");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
			rs.next();
			lsn = rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the primary's WAL position", ex);
		}
		awaitTrueOnStandby("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn", "replay WAL up to " + lsn);
	}

	/**
	 * Waits until a standby setting reads the given value in a new session (after
	 * {@code pg_reload_conf()}).
	 */
	static void awaitStandbySetting(String name, String value) {
		awaitTrueOnStandby("SELECT current_setting('" + name + "') = '" + value + "'", "set " + name + " = " + value);
	}

	private static void awaitTrueOnStandby(String sql, String what) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try (Connection connection = connect(STANDBY + "postgres");
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(sql)) {
				if (rs.next() && rs.getBoolean(1)) {
					return;
				}
			}
			catch (SQLException ex) {
				// the standby may be restarting; try again until the deadline
			}
			sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException("The standby did not " + what + " within 30 s");
	}

	static void execute(String url, String sql) {
		try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " on " + url + " failed", ex);
		}
	}

	static void onStandby(String sql) {
		execute(STANDBY + "postgres", sql);
	}

	/**
	 * The standby script, or {@code null} when the tests do not run in this repository.
	 */
	static @Nullable Path script() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path script = dir.resolve("scripts/standby.sh");
			if (Files.isExecutable(script)) {
				return script;
			}
			dir = dir.getParent();
		}
		return null;
	}

	static void runScript(String command) {
		Path script = script();
		if (script == null) {
			throw new IllegalStateException("scripts/standby.sh not found");
		}
		try {
			Process process = new ProcessBuilder(script.toString(), command).inheritIO().start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(script + " " + command + " failed");
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(script + " " + command + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, USER, null);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean inRecovery(String url) throws SQLException {
		try (Connection connection = connect(url);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_is_in_recovery()")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	private static String setting(String name, String fallback) {
		String value = System.getProperty(name, System.getenv(name));
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
