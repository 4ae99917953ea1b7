package io.databridge.postgres.test;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The configuration read from system properties and environment variables; a system
 * property wins over the environment variable of the same setting, and blank values count
 * as unset.
 *
 * @param jdbcUrl the configured server URL, or {@code null}
 * @param username the configured user name, or {@code null}
 * @param password the configured password, or {@code null}
 * @param skipLocal whether to skip probing {@code localhost:5432}
 */
record Settings(@Nullable String jdbcUrl, @Nullable String username, @Nullable String password, boolean skipLocal) {

	static Settings fromSystem() {
		return from(System::getenv, System::getProperty);
	}

	static Settings from(UnaryOperator<@Nullable String> environment, UnaryOperator<@Nullable String> properties) {
		return new Settings(
				read(DatabaseLocator.JDBC_URL_PROPERTY, DatabaseLocator.JDBC_URL_ENV, environment, properties),
				read(DatabaseLocator.USERNAME_PROPERTY, DatabaseLocator.USERNAME_ENV, environment, properties),
				read(DatabaseLocator.PASSWORD_PROPERTY, DatabaseLocator.PASSWORD_ENV, environment, properties),
				Boolean.parseBoolean(read(DatabaseLocator.SKIP_LOCAL_PROPERTY, DatabaseLocator.SKIP_LOCAL_ENV,
						environment, properties)));
	}

	/**
	 * The server described by the configured URL: user and password come from the
	 * settings, else from the URL's {@code user} and {@code password} parameters, else
	 * {@code postgres} and no password.
	 */
	ServerInfo environmentServer(String url) {
		String user = username != null ? username : JdbcUrls.queryParameter(url, "user");
		String pass = password != null ? password : JdbcUrls.queryParameter(url, "password");
		return new ServerInfo(url, user == null || user.isEmpty() ? "postgres" : user,
				pass == null || pass.isEmpty() ? null : pass, "environment");
	}

	private static @Nullable String read(String property, String env, UnaryOperator<@Nullable String> environment,
			UnaryOperator<@Nullable String> properties) {
		String value = properties.apply(property);
		if (value == null || value.isBlank()) {
			value = environment.apply(env);
		}
		return value == null || value.isBlank() ? null : value.strip();
	}
}
