package io.databridge.postgres.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * Connections and {@code CREATE}/{@code DROP DATABASE} on a located server.
 */
final class DatabaseAdmin {

	/** SQLSTATE of "database already exists". */
	static final String DUPLICATE_DATABASE = "42P04";

	private static final Driver DRIVER = new Driver();

	private DatabaseAdmin() {
	}

	/**
	 * Opens a connection with the pgjdbc driver directly (no {@code DriverManager}
	 * lookup).
	 * @param connectTimeoutSeconds socket connect timeout, or 0 for the driver's default
	 */
	static Connection connect(String url, String username, @Nullable String password, int connectTimeoutSeconds)
			throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (connectTimeoutSeconds > 0) {
			properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
		}
		properties.setProperty("ApplicationName", "databridge-test-support");
		Connection connection = DRIVER.connect(url, properties);
		if (connection == null) {
			throw new SQLException("Not a PostgreSQL JDBC URL: " + JdbcUrls.redact(url));
		}
		return connection;
	}

	static Connection connectMaintenance(ServerInfo server) throws SQLException {
		return connect(server.maintenanceUrl(), server.username(), server.password(), 0);
	}

	/** Creates database {@code name}; returns {@code false} if it already exists. */
	static boolean create(ServerInfo server, String name) throws SQLException {
		try (Connection connection = connectMaintenance(server); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + DatabaseNames.quote(name));
			return true;
		}
		catch (SQLException ex) {
			if (DUPLICATE_DATABASE.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/** Creates database {@code name} unless it exists. */
	static void createIfMissing(ServerInfo server, String name) throws SQLException {
		try (Connection connection = connectMaintenance(server);
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, name);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
		}
		create(server, name); // false here means another process created it meanwhile,
								// which is fine
	}

	/** Drops database {@code name} if it exists, disconnecting its sessions first. */
	static void drop(ServerInfo server, String name) throws SQLException {
		try (Connection connection = connectMaintenance(server)) {
			drop(connection, name);
		}
	}

	/**
	 * Drops test databases created more than {@code maxAge} before {@code now} (leftovers
	 * of crashed runs), ignoring errors, and returns the names of those dropped.
	 */
	static List<String> dropLeftovers(ServerInfo server, Instant now, Duration maxAge) {
		List<String> dropped = new ArrayList<>();
		try (Connection connection = connectMaintenance(server)) {
			for (String name : testDatabases(connection)) {
				if (DatabaseNames.isLeftover(name, now, maxAge)) {
					try {
						drop(connection, name);
						dropped.add(name);
					}
					catch (SQLException ex) {
						// in use or not ours to drop: leave it
					}
				}
			}
		}
		catch (SQLException ex) {
			// cleaning up is a courtesy; never fail a test run for it
		}
		return dropped;
	}

	private static List<String> testDatabases(Connection connection) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'dbt%'")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	private static void drop(Connection connection, String name) throws SQLException {
		String quoted = DatabaseNames.quote(name);
		try (Statement statement = connection.createStatement()) {
			if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
				statement.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
				return;
			}
			try (PreparedStatement terminate = connection.prepareStatement(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
				terminate.setString(1, name);
				terminate.execute();
			}
			statement.execute("DROP DATABASE IF EXISTS " + quoted);
		}
	}

}
