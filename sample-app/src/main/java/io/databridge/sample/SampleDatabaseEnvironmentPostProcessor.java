package io.databridge.sample;

import java.util.Map;

import io.databridge.postgres.test.DatabaseLocator;
import io.databridge.postgres.test.ServerInfo;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured, points the sample at a database of
 * its own, {@code databridge_sample}: on the server named by
 * {@code DATABRIDGE_TEST_JDBC_URL}, else on localhost:5432, else on an embedded
 * PostgreSQL (for non-root users), so the sample runs with nothing installed. A
 * configured URL always wins.
 */
class SampleDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATABASE = "databridge_sample";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		ServerInfo server = DatabaseLocator.locate();
		String url = DatabaseLocator.ensureDatabase(DATABASE);
		environment.getPropertySources()
			.addLast(new MapPropertySource("databridge-sample-database",
					Map.of("spring.datasource.url", url, "spring.datasource.username", server.username(),
							"spring.datasource.password", server.password() == null ? "" : server.password())));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
