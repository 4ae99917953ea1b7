package io.databridge.sample;

import java.util.Map;

import io.databridge.postgres.test.DatabaseLocator;
import io.databridge.postgres.test.ServerInfo;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured, points the sample at a database of
 * its own, {@code databridge_sample}: on the server named by
 * {@code DATABRIDGE_TEST_JDBC_URL}, else on localhost:5432, else on an embedded
 * PostgreSQL (for non-root users), so the sample runs with nothing installed. A
 * configured URL always wins. Either way it logs which database it uses and why.
 */
class SampleDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATABASE = "databridge_sample";

	private final Log logger;

	SampleDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SampleDatabaseEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty("spring.datasource.url");
		if (configured != null) {
			this.logger.info(configuredChoice(configured));
			return;
		}
		ServerInfo server = DatabaseLocator.locate();
		String url = DatabaseLocator.ensureDatabase(DATABASE);
		this.logger.info(locatedChoice(server.source(), url));
		environment.getPropertySources()
			.addLast(new MapPropertySource("databridge-sample-database",
					Map.of("spring.datasource.url", url, "spring.datasource.username", server.username(),
							"spring.datasource.password", server.password() == null ? "" : server.password())));
	}

	static String configuredChoice(String url) {
		return "Sample database: " + withoutParameters(url) + ", because spring.datasource.url is set";
	}

	static String locatedChoice(String source, String url) {
		String why = switch (source) {
			case "environment" ->
				"because spring.datasource.url is not set and " + DatabaseLocator.JDBC_URL_ENV + " names a server";
			case "embedded" -> "on an embedded PostgreSQL, because spring.datasource.url is not set and no "
					+ "PostgreSQL answered on localhost:5432";
			default -> "on localhost:5432, because spring.datasource.url is not set and a PostgreSQL answers there";
		};
		return "Sample database: " + withoutParameters(url) + " (database " + DATABASE + " created if missing), " + why;
	}

	/** The URL without its query string, which may hold credentials. */
	private static String withoutParameters(String url) {
		int query = url.indexOf('?');
		return (query < 0) ? url : url.substring(0, query) + "?…";
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
