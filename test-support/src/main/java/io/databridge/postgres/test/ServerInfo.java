package io.databridge.postgres.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server found by {@link DatabaseLocator#locate()}.
 *
 * @param maintenanceUrl JDBC URL of a database on the server that always exists (such as
 * {@code postgres}); used to create and drop databases, and as the template for
 * {@link #jdbcUrl(String)}
 * @param username user name to log in with
 * @param password password to log in with, or {@code null} for none
 * @param source where the server was found: {@code "environment"},
 * {@code "localhost:5432"} or {@code "embedded"}
 */
public record ServerInfo(String maintenanceUrl, String username, @Nullable String password, String source) {

	/**
	 * Checks that the required components are present.
	 */
	public ServerInfo {
		Objects.requireNonNull(maintenanceUrl, "maintenanceUrl");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(source, "source");
	}

	/**
	 * Returns the JDBC URL of another database on this server, keeping host, port and
	 * query parameters of {@link #maintenanceUrl()}.
	 * @param database name of the database
	 * @return the JDBC URL of {@code database}
	 */
	public String jdbcUrl(String database) {
		return JdbcUrls.withDatabase(maintenanceUrl, database);
	}

	/**
	 * Describes the server without revealing the password.
	 * @return a description for logs and messages
	 */
	@Override
	public String toString() {
		return "ServerInfo[source=" + source + ", maintenanceUrl=" + JdbcUrls.redact(maintenanceUrl) + ", username="
				+ username + ", password=" + (password == null ? "<none>" : "***") + "]";
	}
}
