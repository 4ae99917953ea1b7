package io.databridge.postgres.autoconfigure.ssl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code databridge.pg.ssl.bundle} against a real server with {@code ssl=on}
 * ({@link TlsCluster}): verify-full with the right CA and host name, the wrong CA, the
 * wrong host name, client-certificate authentication with and without the bundle's key
 * store, and no secret in the log.
 */
class PgSslAutoConfigurationIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataSourceAutoConfiguration.class,
				PgSslAutoConfiguration.class))
		.withPropertyValues("spring.datasource.hikari.connection-timeout=20000",
				"spring.datasource.hikari.initialization-fail-timeout=1",
				"spring.ssl.bundle.pem.server.truststore.certificate=" + TlsCluster.file("ca.crt"),
				"spring.ssl.bundle.pem.other.truststore.certificate=" + TlsCluster.file("other-ca.crt"),
				"spring.ssl.bundle.pem.client.truststore.certificate=" + TlsCluster.file("ca.crt"),
				"spring.ssl.bundle.pem.client.keystore.certificate=" + TlsCluster.file("client.crt"),
				"spring.ssl.bundle.pem.client.keystore.private-key=" + TlsCluster.file("client.key"));

	@BeforeAll
	static void cluster() {
		TlsCluster.assumeRunning();
	}

	private ApplicationContextRunner with(String host, String user, String bundle) {
		return this.runner.withPropertyValues("spring.datasource.url=" + TlsCluster.url(host),
				"spring.datasource.username=" + user, "spring.datasource.password=" + TlsCluster.PASSWORD,
				"databridge.pg.ssl.bundle=" + bundle);
	}

	private static String query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static final String SSL_IN_USE = "SELECT ssl::text || ' ' || version FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

	@Test
	void verifyFullSucceedsWithTheRightCaAndHostName() {
		for (String host : new String[] { "localhost", "127.0.0.1" }) {
			with(host, "tlsuser", "server").run(context -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(query(dataSource, SSL_IN_USE)).startsWith("true TLSv1.");
				Properties properties = dataSource.getDataSourceProperties();
				assertThat(properties.getProperty("sslmode")).isEqualTo("verify-full");
				assertThat(properties.getProperty("sslfactory")).isEqualTo(BundleSslSocketFactory.class.getName());
			});
		}
	}

	@Test
	void verifyFullFailsWithAnotherCa() {
		with("localhost", "tlsuser", "other")
			.run(context -> assertThatThrownBy(() -> query(context.getBean(DataSource.class), SSL_IN_USE))
				.hasStackTraceContaining("SSL error")
				.hasStackTraceContaining("unable to find valid certification path"));
	}

	@Test
	void verifyFullFailsWhenTheCertificateDoesNotNameTheHost() {
		with("127.0.0.2", "tlsuser", "server")
			.run(context -> assertThatThrownBy(() -> query(context.getBean(DataSource.class), SSL_IN_USE))
				.hasStackTraceContaining("127.0.0.2 could not be verified"));
	}

	@Test
	void verifyCaAcceptsAHostNameTheCertificateDoesNotName() {
		with("127.0.0.2", "tlsuser", "server").withPropertyValues("databridge.pg.ssl.mode=verify-ca")
			.run(context -> assertThat(query(context.getBean(DataSource.class), SSL_IN_USE)).startsWith("true"));
	}

	@Test
	void clientCertificateAuthenticationSucceedsWithTheBundlesKeyStore() {
		with("localhost", "certuser", "client").run(context -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(query(dataSource, "SELECT current_user")).isEqualTo("certuser");
			assertThat(query(dataSource, "SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
				.isEqualTo("/CN=certuser");
		});
	}

	@Test
	void clientCertificateAuthenticationFailsWithoutAKeyStore() {
		with("localhost", "certuser", "server")
			.run(context -> assertThatThrownBy(() -> query(context.getBean(DataSource.class), "SELECT current_user"))
				.hasStackTraceContaining("certificate"));
	}

	@Test
	void withoutABundleNothingChanges() {
		this.runner
			.withPropertyValues("spring.datasource.url=" + TlsCluster.url("localhost") + "?sslmode=require",
					"spring.datasource.username=tlsuser")
			.run(context -> {
				assertThat(context).doesNotHaveBean(PgSslDataSourcePostProcessor.class);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getDataSourceProperties()).isEmpty();
				assertThat(query(dataSource, SSL_IN_USE)).startsWith("true");
			});
	}

	@Test
	void refusesAUrlThatSetsItsOwnSslMode() {
		this.runner
			.withPropertyValues("spring.datasource.url=" + TlsCluster.url("localhost") + "?sslmode=disable",
					"databridge.pg.ssl.bundle=server")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sets sslmode, which would override databridge.pg.ssl.bundle=server"));
	}

	@Test
	void refusesAnUnknownBundle() {
		with("localhost", "tlsuser", "missing")
			.run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("missing"));
	}

	@Test
	void neverLogsPasswordsOrKeyMaterial() throws Exception {
		String key = java.nio.file.Files.readString(TlsCluster.DIR.resolve("client.key"));
		String keyBody = key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
		CapturedLog log = CapturedLog.start("com.zaxxer.hikari", "io.databridge", "org.springframework.boot",
				"org.postgresql");
		try {
			with("localhost", "certuser", "client")
				.run(context -> assertThat(query(context.getBean(DataSource.class), "SELECT current_user"))
					.isEqualTo("certuser"));
			with("localhost", "tlsuser", "other")
				.run(context -> assertThatThrownBy(() -> query(context.getBean(DataSource.class), SSL_IN_USE)));
		}
		finally {
			log.stop();
		}
		assertThat(log.text()).as("the captured log")
			.contains("HikariPool")
			.contains("certification path")
			.doesNotContain(TlsCluster.PASSWORD)
			.doesNotContain(keyBody)
			.doesNotContain("PRIVATE KEY");
	}

}
