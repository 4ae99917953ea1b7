package io.databridge.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleDatabaseEnvironmentPostProcessorTests {

	@Test
	void saysAConfiguredUrlWasUsedWithoutItsParameters() {
		assertThat(SampleDatabaseEnvironmentPostProcessor
			.configuredChoice("jdbc:postgresql://db:5432/app?password=secret"))
			.isEqualTo("Sample database: jdbc:postgresql://db:5432/app?…, because spring.datasource.url is set");
	}

	@Test
	void saysWhereTheLocatorFoundTheServerAndWhy() {
		String url = "jdbc:postgresql://localhost:5432/databridge_sample";
		assertThat(SampleDatabaseEnvironmentPostProcessor.locatedChoice("localhost:5432", url)).contains(url)
			.contains("on localhost:5432, because spring.datasource.url is not set");
		assertThat(SampleDatabaseEnvironmentPostProcessor.locatedChoice("embedded", url))
			.contains("on an embedded PostgreSQL")
			.contains("no PostgreSQL answered on localhost:5432");
		assertThat(SampleDatabaseEnvironmentPostProcessor.locatedChoice("environment", url))
			.contains("DATABRIDGE_TEST_JDBC_URL names a server");
	}

}
