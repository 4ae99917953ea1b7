package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.autoconfigure.schemaapp.SchemaCustomer;
import io.databridge.postgres.schema.PgSchema;
import io.databridge.postgres.schema.SchemaValidationException;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code databridge.pg.schema.validation} runs after Flyway migrated a fresh database,
 * and with {@code fail} stops the start naming every difference.
 */
class PgSchemaAutoConfigurationIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
				PgDataAutoConfiguration.class, PgSchemaAutoConfiguration.class))
		.withUserConfiguration(SchemaAppPackage.class)
		.withInitializer(
				context -> TestPropertyValues.of(TestDatabase.create("schema validation").springDataSourceProperties())
					.applyTo(context));

	@Test
	void validatesAfterFlywayCreatedTheTables() {
		this.runner
			.withPropertyValues("spring.flyway.locations=classpath:db/schema-ok",
					"databridge.pg.schema.validation=fail")
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(PgSchema.class);
				assertThat(context.getBean(PgSchema.class).diff().isEmpty()).isTrue();
			});
	}

	@Test
	void failStopsTheStartNamingEveryDriftInOneMessage() {
		this.runner
			.withPropertyValues("spring.flyway.locations=classpath:db/schema-drift",
					"databridge.pg.schema.validation=fail")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(SchemaValidationException.class)
					.hasMessageContaining("(4 differences)")
					.hasMessageContaining(
							"ERROR MISSING_COLUMN sc_customer.nickname (SchemaCustomer.nickname): expected text, found nothing")
					.hasMessageContaining(
							"WARNING TYPE_MISMATCH sc_customer.id (SchemaCustomer.id): expected bigint, found integer")
					.hasMessageContaining("WARNING NULLABILITY_MISMATCH sc_customer.visits (SchemaCustomer.visits): "
							+ "expected NOT NULL, found nullable")
					.hasMessageContaining(
							"WARNING MISSING_UNIQUE sc_customer (SchemaCustomer): expected unique [email]");
			});
	}

	@Test
	void warnLogsAndStarts() {
		this.runner.withPropertyValues("spring.flyway.locations=classpath:db/schema-drift")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void allowsUserToDefineCustomPgSchema() {
		this.runner.withPropertyValues("spring.flyway.locations=classpath:db/schema-ok")
			.withUserConfiguration(CustomSchema.class)
			.run(context -> assertThat(context.getBean(PgSchema.class)).isSameAs(CustomSchema.SCHEMA));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = SchemaCustomer.class)
	static class SchemaAppPackage {

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSchema {

		static final PgSchema SCHEMA = new PgSchema() {

			@Override
			public io.databridge.postgres.schema.SchemaDiff diff() {
				return new io.databridge.postgres.schema.SchemaDiff(java.util.List.of());
			}

			@Override
			public String toMigrationSql() {
				return "";
			}

			@Override
			public void validate() {
			}

		};

		@Bean
		PgSchema customSchema() {
			return SCHEMA;
		}

	}

}
