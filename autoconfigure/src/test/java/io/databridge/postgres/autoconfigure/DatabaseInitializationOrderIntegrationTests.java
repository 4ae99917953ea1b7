package io.databridge.postgres.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.databridge.postgres.autoconfigure.initorder.Gadget;
import io.databridge.postgres.autoconfigure.initorder.GadgetRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables created by Flyway or {@code spring.sql.init} exist before repositories validate
 * their SQL at start-up, with no ordering hint from the application, on Boot's real
 * auto-configurations. Each case works in a schema of its own, so every start begins
 * without the table.
 */
class DatabaseInitializationOrderIntegrationTests {

	private static final AtomicInteger schemas = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
				DataSourceInitializationAutoConfiguration.class, PgDataAutoConfiguration.class,
				PgRepositoriesAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withInitializer(
				context -> TestPropertyValues.of(TestDatabase.shared().springDataSourceProperties()).applyTo(context));

	@Test
	void flywayMigratesBeforeRepositoriesAreValidated() {
		String schema = freshSchema();
		this.runner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(flywayIn(schema))
			.run(context -> assertSavesAndFinds(context.getBean(GadgetRepository.class)));
	}

	@Test
	void flywayMigratesFirstAlsoWithTheApplicationsOwnJdbcTemplate() {
		String schema = freshSchema();
		this.runner.withUserConfiguration(OwnJdbcTemplate.class)
			.withPropertyValues(flywayIn(schema))
			.run(context -> assertSavesAndFinds(context.getBean(GadgetRepository.class)));
	}

	@Test
	void flywayMigratesFirstAlsoWithoutAnyJdbcTemplateBean() {
		String schema = freshSchema();
		this.runner.withPropertyValues(flywayIn(schema)).run(context -> {
			assertThat(context).doesNotHaveBean(JdbcTemplate.class);
			assertSavesAndFinds(context.getBean(GadgetRepository.class));
		});
	}

	@Test
	void sqlInitScriptsRunBeforeRepositoriesAreValidated() {
		String schema = freshSchema();
		TestDatabase.shared().execute("CREATE SCHEMA " + schema);
		this.runner
			.withPropertyValues("spring.flyway.enabled=false", "spring.sql.init.mode=always",
					"spring.sql.init.schema-locations=classpath:initorder/schema.sql",
					"spring.datasource.hikari.schema=" + schema)
			.run(context -> assertSavesAndFinds(context.getBean(GadgetRepository.class)));
	}

	private static void assertSavesAndFinds(GadgetRepository gadgets) {
		gadgets.save(new Gadget(null, "lamp"));
		assertThat(gadgets.findByLabel("lamp")).extracting(Gadget::label).containsExactly("lamp");
	}

	private static String freshSchema() {
		return "init_order_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
	}

	private static String[] flywayIn(String schema) {
		return new String[] { "spring.flyway.locations=classpath:db/initorder", "spring.flyway.schemas=" + schema,
				"spring.datasource.hikari.schema=" + schema };
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = GadgetRepository.class)
	static class GadgetPackage {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnJdbcTemplate {

		@Bean
		JdbcTemplate applicationJdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

}
