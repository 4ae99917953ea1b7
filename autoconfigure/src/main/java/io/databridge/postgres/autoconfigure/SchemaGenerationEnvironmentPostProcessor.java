package io.databridge.postgres.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * In generation mode ({@code databridge.pg.schema.generate-migration} set) the
 * application starts only to write a migration: this switches off what would change the
 * database or keep the JVM running (Flyway, Liquibase, SQL init, the web server) and the
 * start-up validation, so the generator compares the mapping with the database exactly as
 * it is and a pending generated migration is not applied behind the reviewer's back.
 */
final class SchemaGenerationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "databridge.pg.schema.generate-migration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty(PROPERTY))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("databridge-schema-generation",
						Map.of("spring.flyway.enabled", "false", "spring.liquibase.enabled", "false",
								"spring.sql.init.mode", "never", "spring.main.web-application-type", "none",
								"databridge.pg.schema.validation", "none")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
