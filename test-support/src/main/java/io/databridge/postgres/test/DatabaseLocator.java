package io.databridge.postgres.test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds a PostgreSQL server, trying in this order:
 * <ol>
 * <li><b>environment</b>: the JDBC URL in system property {@value #JDBC_URL_PROPERTY} or
 * environment variable {@value #JDBC_URL_ENV}. It points to a server and a database there
 * that always exists (such as {@code postgres}); test databases are created next to it.
 * The user is taken from {@value #USERNAME_PROPERTY} / {@value #USERNAME_ENV}, else from
 * the URL's {@code user} parameter, else {@code postgres}; the password from
 * {@value #PASSWORD_PROPERTY} / {@value #PASSWORD_ENV}, else from the URL's
 * {@code password} parameter, else none. If a URL is configured but the server cannot be
 * reached, {@link #locate()} fails instead of trying the other options, so that a
 * mistyped URL does not silently test against another server.</li>
 * <li><b>localhost:5432</b>: a server there that lets user {@code postgres} log in to
 * database {@code postgres} without a password (2 s connect timeout). Skipped if system
 * property {@value #SKIP_LOCAL_PROPERTY} or environment variable {@value #SKIP_LOCAL_ENV}
 * is {@code true}, e.g. to force the embedded server.</li>
 * <li><b>embedded</b>: a PostgreSQL started from the zonky embedded binaries, once per
 * JVM and stopped when the JVM exits. PostgreSQL refuses to run as root, so this option
 * is skipped for root.</li>
 * </ol>
 * If all fail, {@link #locate()} throws an {@link IllegalStateException} that says why
 * each option failed. System properties win over environment variables. The result is
 * computed once per JVM.
 */
public final class DatabaseLocator {

	/** Environment variable holding the JDBC URL of the server to use. */
	public static final String JDBC_URL_ENV = "DATABRIDGE_TEST_JDBC_URL";

	/**
	 * System property holding the JDBC URL of the server to use; wins over
	 * {@value #JDBC_URL_ENV}.
	 */
	public static final String JDBC_URL_PROPERTY = "databridge.test.jdbc-url";

	/** Environment variable holding the user name for {@value #JDBC_URL_ENV}. */
	public static final String USERNAME_ENV = "DATABRIDGE_TEST_USERNAME";

	/** System property holding the user name; wins over {@value #USERNAME_ENV}. */
	public static final String USERNAME_PROPERTY = "databridge.test.username";

	/** Environment variable holding the password for {@value #JDBC_URL_ENV}. */
	public static final String PASSWORD_ENV = "DATABRIDGE_TEST_PASSWORD";

	/** System property holding the password; wins over {@value #PASSWORD_ENV}. */
	public static final String PASSWORD_PROPERTY = "databridge.test.password";

	/** System property that, if {@code true}, skips probing {@code localhost:5432}. */
	public static final String SKIP_LOCAL_PROPERTY = "databridge.test.skip-local";

	/**
	 * Environment variable that, if {@code true}, skips probing {@code localhost:5432}.
	 */
	public static final String SKIP_LOCAL_ENV = "DATABRIDGE_TEST_SKIP_LOCAL";

	static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres";

	private static final int LOCAL_CONNECT_TIMEOUT_SECONDS = 2;

	private static final System.Logger LOG = System.getLogger(DatabaseLocator.class.getName());

	private static @Nullable ServerInfo located;

	private static @Nullable IllegalStateException failure;

	private DatabaseLocator() {
	}

	/**
	 * Returns the server to use, searching for it (and starting an embedded one if
	 * needed) on the first call.
	 * @return the server found
	 * @throws IllegalStateException if no server is available; the message says why each
	 * option failed
	 */
	public static synchronized ServerInfo locate() {
		if (located != null) {
			return located;
		}
		if (failure != null) {
			throw new IllegalStateException(failure.getMessage(), failure);
		}
		try {
			located = discover(Settings.fromSystem());
		}
		catch (IllegalStateException ex) {
			failure = ex;
			throw ex;
		}
		LOG.log(System.Logger.Level.INFO, "Using PostgreSQL from {0}: {1}", located.source(),
				JdbcUrls.redact(located.maintenanceUrl()));
		return located;
	}

	/**
	 * Creates database {@code name} on the {@linkplain #locate() located server} unless
	 * it exists, and returns its JDBC URL. The database is never dropped by this class;
	 * the sample app uses it for a persistent database.
	 * @param name name of the database
	 * @return the JDBC URL of the database
	 * @throws IllegalStateException if no server is available or the database cannot be
	 * created
	 */
	public static String ensureDatabase(String name) {
		ServerInfo server = locate();
		try {
			DatabaseAdmin.createIfMissing(server, name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " on " + server, ex);
		}
		return server.jdbcUrl(name);
	}

	static ServerInfo discover(Settings settings) {
		String url = settings.jdbcUrl();
		if (url != null) {
			return checkEnvironment(settings.environmentServer(url));
		}
		List<String> reasons = new ArrayList<>();
		List<Exception> causes = new ArrayList<>();
		reasons.add("environment: neither " + JDBC_URL_ENV + " nor -D" + JDBC_URL_PROPERTY + " is set");
		if (settings.skipLocal()) {
			reasons.add("localhost:5432: skipped because " + SKIP_LOCAL_PROPERTY + " / " + SKIP_LOCAL_ENV + " is true");
		}
		else {
			ServerInfo local = new ServerInfo(LOCAL_URL, "postgres", null, "localhost:5432");
			try {
				DatabaseAdmin.connect(LOCAL_URL, "postgres", null, LOCAL_CONNECT_TIMEOUT_SECONDS).close();
				return local;
			}
			catch (SQLException ex) {
				reasons.add("localhost:5432: " + describe(ex));
				causes.add(ex);
			}
		}
		String rootReason = EmbeddedServer.rootReason();
		if (rootReason != null) {
			reasons.add("embedded: skipped, " + rootReason);
		}
		else {
			try {
				int port = EmbeddedServer.start();
				return new ServerInfo("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null,
						"embedded");
			}
			catch (IOException | RuntimeException ex) {
				reasons.add("embedded: " + describe(ex));
				causes.add(ex);
			}
		}
		IllegalStateException ex = new IllegalStateException(failureMessage(reasons));
		causes.forEach(ex::addSuppressed);
		throw ex;
	}

	static String failureMessage(List<String> reasons) {
		StringBuilder message = new StringBuilder("No PostgreSQL server found for tests. Tried, in this order:");
		for (int i = 0; i < reasons.size(); i++) {
			message.append("\n  ").append(i + 1).append(". ").append(reasons.get(i));
		}
		return message.append("\nTo fix this, do one of: set ")
			.append(JDBC_URL_ENV)
			.append(" (e.g. jdbc:postgresql://host:5432/postgres, with ")
			.append(USERNAME_ENV)
			.append(" and ")
			.append(PASSWORD_ENV)
			.append("); start a PostgreSQL on localhost:5432 that lets user postgres log in")
			.append(" without a password; or run as a non-root user so that an embedded PostgreSQL can start.")
			.toString();
	}

	static String describe(Throwable ex) {
		String text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == ex ? text
				: text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

	private static ServerInfo checkEnvironment(ServerInfo server) {
		try {
			DatabaseAdmin.connectMaintenance(server).close();
			return server;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(JDBC_URL_ENV + " / -D" + JDBC_URL_PROPERTY + " is set to "
					+ JdbcUrls.redact(server.maintenanceUrl()) + ", but connecting as user " + server.username()
					+ " failed: " + describe(ex) + ". Fix the URL (and " + USERNAME_ENV + " / " + PASSWORD_ENV
					+ "), or unset it to use localhost:5432 or an embedded PostgreSQL instead.", ex);
		}
	}

}
