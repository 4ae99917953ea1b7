package io.databridge.postgres.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.databridge.postgres.autoconfigure.schemaapp.SchemaCustomer;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator command: the application started with
 * {@code --databridge.pg.schema.generate-migration=<description>} writes the migration
 * and leaves the database as it was (Flyway is switched off even when configured on).
 */
class SchemaGenerationIntegrationTests {

	@Test
	void writesTheNextMigrationWithoutRunningFlyway(@TempDir Path migrations) throws IOException {
		TestDatabase db = TestDatabase.create("schema generation");
		Files.writeString(migrations.resolve("README.txt"), "not a migration");
		SpringApplication application = new SpringApplication(GeneratorApp.class);
		try (ConfigurableApplicationContext context = application.run("--spring.datasource.url=" + db.jdbcUrl(),
				"--spring.datasource.username=" + db.username(), "--spring.flyway.enabled=true",
				"--spring.flyway.locations=filesystem:" + migrations,
				"--databridge.pg.schema.migration-location=" + migrations,
				"--databridge.pg.schema.generate-migration=Create customers")) {
			assertThat(context.getEnvironment().getProperty("spring.flyway.enabled")).isEqualTo("false");
		}
		Path written = migrations.resolve("V1__create_customers.sql");
		assertThat(written).exists();
		assertThat(Files.readString(written)).contains("CREATE TABLE \"sc_customer\"")
			.contains("ALTER TABLE \"sc_customer\" ADD UNIQUE (\"email\");");
		assertThat(db.queryForString("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@AutoConfigurationPackage(basePackageClasses = SchemaCustomer.class)
	static class GeneratorApp {

	}

}
