package io.databridge.postgres.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseLocatorTests {

	@Test
	void systemPropertiesWinOverEnvironment() {
		Settings settings = Settings.from(Map.of("DATABRIDGE_TEST_JDBC_URL", "jdbc:postgresql://env/postgres",
				"DATABRIDGE_TEST_USERNAME", "envuser")::get,
				Map.of("databridge.test.jdbc-url", "jdbc:postgresql://prop/postgres")::get);
		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://prop/postgres");
		assertThat(settings.username()).isEqualTo("envuser");
		assertThat(settings.password()).isNull();
		assertThat(settings.skipLocal()).isFalse();
	}

	@Test
	void blankValuesCountAsUnset() {
		Settings settings = Settings.from(Map.of("DATABRIDGE_TEST_JDBC_URL", " ")::get,
				Map.of("databridge.test.skip-local", "true")::get);
		assertThat(settings.jdbcUrl()).isNull();
		assertThat(settings.skipLocal()).isTrue();
		assertThat(Settings.from(Map.of("DATABRIDGE_TEST_SKIP_LOCAL", "TRUE")::get, Map.<String, String>of()::get)
			.skipLocal()).isTrue();
	}

	@Test
	void environmentServerDefaultsToPostgresWithoutPassword() {
		ServerInfo server = new Settings("jdbc:postgresql://h/postgres", null, "", false)
			.environmentServer("jdbc:postgresql://h/postgres");
		assertThat(server.username()).isEqualTo("postgres");
		assertThat(server.password()).isNull();
		assertThat(server.source()).isEqualTo("environment");
		assertThat(server.jdbcUrl("dbt_1_abcdef")).isEqualTo("jdbc:postgresql://h/dbt_1_abcdef");
	}

	@Test
	void environmentServerTakesCredentialsFromSettingsThenUrl() {
		String url = "jdbc:postgresql://h/postgres?user=urluser&password=urlpass";
		ServerInfo fromUrl = new Settings(url, null, null, false).environmentServer(url);
		assertThat(fromUrl.username()).isEqualTo("urluser");
		assertThat(fromUrl.password()).isEqualTo("urlpass");
		ServerInfo fromSettings = new Settings(url, "me", "secret", false).environmentServer(url);
		assertThat(fromSettings.username()).isEqualTo("me");
		assertThat(fromSettings.password()).isEqualTo("secret");
		assertThat(fromSettings.toString()).doesNotContain("secret").doesNotContain("urlpass");
	}

	@Test
	void failureMessageNamesAllOptions() {
		String message = DatabaseLocator.failureMessage(
				List.of("environment: neither DATABRIDGE_TEST_JDBC_URL nor -Ddatabridge.test.jdbc-url is set",
						"localhost:5432: PSQLException: Connection refused", "embedded: skipped, running as root"));
		assertThat(message).contains("1. environment: neither DATABRIDGE_TEST_JDBC_URL")
			.contains("2. localhost:5432: PSQLException: Connection refused")
			.contains("3. embedded: skipped, running as root")
			.contains("DATABRIDGE_TEST_USERNAME", "DATABRIDGE_TEST_PASSWORD", "non-root");
	}

	@Test
	void describeShowsRootCause() {
		Exception ex = new IllegalStateException("outer", new java.io.IOException("inner"));
		assertThat(DatabaseLocator.describe(ex))
			.isEqualTo("IllegalStateException: outer (caused by IOException: inner)");
		assertThat(DatabaseLocator.describe(new java.io.IOException("x"))).isEqualTo("IOException: x");
	}

}
