package io.databridge.postgres.test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A fresh, empty database of its own for a test run, on the server found by
 * {@link DatabaseLocator}.
 *
 * <p>
 * Databases are named {@code dbt_<epochSeconds>_<6 hex digits>} and dropped when the JVM
 * exits (or by {@link #drop()}). Leftovers of crashed runs older than 6 hours are dropped
 * when the first database of a JVM is created. Typical use:
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.shared();
 * db.execute("CREATE TABLE person (id bigint PRIMARY KEY, name text)");
 * DataSource dataSource = db.dataSource();
 * }</pre>
 */
public final class TestDatabase {

	private static final System.Logger LOG = System.getLogger(TestDatabase.class.getName());

	private static final RandomGenerator RANDOM = new SecureRandom();

	private static final int MAX_NAME_ATTEMPTS = 5;

	private static @Nullable TestDatabase shared;

	private static boolean leftoversDropped;

	private final ServerInfo server;

	private final String name;

	private final String purpose;

	private final Runnable dropAtExit = this::dropQuietly;

	private @Nullable HikariDataSource dataSource;

	private boolean dropped;

	private TestDatabase(ServerInfo server, String name, String purpose) {
		this.server = server;
		this.name = name;
		this.purpose = purpose;
	}

	/**
	 * Returns the database shared by all tests of this JVM, creating it on the first call
	 * (or again after it was {@linkplain #drop() dropped}).
	 * @return the shared database
	 * @throws IllegalStateException if no server is available or the database cannot be
	 * created
	 */
	public static synchronized TestDatabase shared() {
		TestDatabase current = shared;
		if (current == null || current.isDropped()) {
			current = create("shared");
			shared = current;
		}
		return current;
	}

	/**
	 * Creates a further fresh database on the same server, e.g. for tests that need
	 * isolation from the {@linkplain #shared() shared} one. It is dropped when the JVM
	 * exits.
	 * @param purpose what the database is for; stored as the database's comment and shown
	 * by {@link #toString()}
	 * @return the new database
	 * @throws IllegalStateException if no server is available or the database cannot be
	 * created
	 */
	public static TestDatabase create(String purpose) {
		ServerInfo server = DatabaseLocator.locate();
		dropLeftoversOnce(server);
		try {
			String name = createUniqueDatabase(server);
			TestDatabase database = new TestDatabase(server, name, purpose);
			ShutdownHooks.register(database.dropAtExit);
			database.execute(
					"COMMENT ON DATABASE " + DatabaseNames.quote(name) + " IS '" + purpose.replace("'", "''") + "'");
			LOG.log(System.Logger.Level.DEBUG, "Created test database {0} ({1}) on {2}", name, purpose,
					server.source());
			return database;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a test database on " + server, ex);
		}
	}

	/**
	 * Returns the JDBC URL of this database; query parameters of a configured server URL
	 * are kept.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return server.jdbcUrl(name);
	}

	/**
	 * Returns the user name to log in with.
	 * @return the user name
	 */
	public String username() {
		return server.username();
	}

	/**
	 * Returns the password to log in with.
	 * @return the password, or {@code null} for none
	 */
	public @Nullable String password() {
		return server.password();
	}

	/**
	 * Returns the name of this database.
	 * @return the database name, e.g. {@code dbt_1767225600_3f9a0c}
	 */
	public String databaseName() {
		return name;
	}

	/**
	 * Returns where the server was found.
	 * @return {@code "environment"}, {@code "localhost:5432"} or {@code "embedded"}
	 */
	public String source() {
		return server.source();
	}

	/**
	 * Returns a small connection pool for this database (HikariCP, pool name
	 * {@code test-db}, at most 8 connections), created on the first call and closed
	 * before the database is dropped.
	 * @return the pooled data source
	 * @throws IllegalStateException if the database was dropped
	 */
	public synchronized DataSource dataSource() {
		checkNotDropped();
		HikariDataSource pool = dataSource;
		if (pool == null) {
			HikariConfig config = new HikariConfig();
			config.setPoolName("test-db");
			config.setDriverClassName("org.postgresql.Driver");
			config.setJdbcUrl(jdbcUrl());
			config.setUsername(username());
			config.setPassword(password());
			config.setMaximumPoolSize(8);
			config.setMinimumIdle(1);
			pool = new HikariDataSource(config);
			dataSource = pool;
		}
		return pool;
	}

	/**
	 * Opens a new, unpooled connection to this database; the caller closes it.
	 * @return the connection
	 * @throws SQLException if connecting fails
	 */
	public Connection openConnection() throws SQLException {
		checkNotDropped();
		return DatabaseAdmin.connect(jdbcUrl(), username(), password(), 0);
	}

	/**
	 * Runs SQL on a new connection in auto-commit mode; {@code sql} may hold several
	 * statements separated by semicolons, such as a DDL script.
	 * @param sql the statements to run
	 * @throws IllegalStateException if the SQL fails or the database was dropped
	 */
	public void execute(String sql) {
		try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			String shown = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
			throw new IllegalStateException(
					"SQL failed on test database " + name + ": " + ex.getMessage() + "\nSQL: " + shown, ex);
		}
	}

	/**
	 * Runs a query on a new connection and returns the first column of its first row, as
	 * text.
	 * @param sql the query
	 * @return the value, or {@code null} when the query returned no row or a SQL null
	 * @throws IllegalStateException if the query fails or the database was dropped
	 */
	public @Nullable String queryForString(String sql) {
		try (Connection connection = openConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Query failed on test database " + name + ": " + ex.getMessage() + "\nSQL: " + sql, ex);
		}
	}

	/**
	 * Closes the {@linkplain #dataSource() pool} and drops this database now,
	 * disconnecting remaining sessions. Does nothing if it was dropped already.
	 * @throws IllegalStateException if dropping fails
	 */
	public void drop() {
		synchronized (this) {
			if (dropped) {
				return;
			}
			dropped = true;
			if (dataSource != null) {
				dataSource.close();
				dataSource = null;
			}
		}
		ShutdownHooks.unregister(dropAtExit);
		try {
			DatabaseAdmin.drop(server, name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop test database " + name, ex);
		}
	}

	/**
	 * The Spring Boot properties that point an application at this database:
	 * {@code spring.datasource.url}, {@code .username} and {@code .password}.
	 * @return an ordered map, for {@code DynamicPropertyRegistry} or
	 * {@code SpringApplication.setDefaultProperties}
	 */
	public java.util.Map<String, String> springDataSourceProperties() {
		java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl());
		properties.put("spring.datasource.username", username());
		properties.put("spring.datasource.password", password() == null ? "" : password());
		return properties;
	}

	/**
	 * Describes this database without revealing the password.
	 * @return a description for logs and messages
	 */
	@Override
	public String toString() {
		return "TestDatabase[" + name + " (" + purpose + ") from " + server.source() + ", " + JdbcUrls.redact(jdbcUrl())
				+ "]";
	}

	private synchronized boolean isDropped() {
		return dropped;
	}

	private synchronized void checkNotDropped() {
		if (dropped) {
			throw new IllegalStateException("Test database " + name + " was dropped");
		}
	}

	private void dropQuietly() {
		try {
			drop();
		}
		catch (RuntimeException ex) {
			System.err.println("[databridge test-support] could not drop test database " + name + ": " + ex);
		}
	}

	private static String createUniqueDatabase(ServerInfo server) throws SQLException {
		for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
			String name = DatabaseNames.newName(Instant.now(), RANDOM);
			if (DatabaseAdmin.create(server, name)) {
				return name;
			}
		}
		throw new SQLException("Could not find an unused database name after " + MAX_NAME_ATTEMPTS + " attempts");
	}

	private static synchronized void dropLeftoversOnce(ServerInfo server) {
		if (!leftoversDropped) {
			leftoversDropped = true;
			List<String> dropped = DatabaseAdmin.dropLeftovers(server, Instant.now(), DatabaseNames.LEFTOVER_AGE);
			if (!dropped.isEmpty()) {
				LOG.log(System.Logger.Level.INFO, "Dropped {0} leftover test database(s): {1}", dropped.size(),
						dropped);
			}
		}
	}

}
