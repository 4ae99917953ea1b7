package io.databridge.postgres.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.schema.DefaultPgSchema;
import io.databridge.postgres.internal.schema.MigrationGenerator;
import io.databridge.postgres.schema.PgSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configures the {@link PgSchema} over the application's mapped entities, the
 * start-up comparison with the database ({@code databridge.pg.schema.validation}, after
 * Flyway, Liquibase and SQL init through Boot's {@link DependsOnDatabaseInitialization}),
 * and the migration generator ({@code databridge.pg.schema.generate-migration}).
 */
@AutoConfiguration(after = PgDataAutoConfiguration.class,
		afterName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass({ PgSchema.class, DataSource.class })
@ConditionalOnBean({ PgMappingContext.class, ValueCodecs.class, DataSource.class })
@EnableConfigurationProperties(PgSchemaProperties.class)
public final class PgSchemaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PgSchema pgSchema(PgMappingContext mappingContext, ValueCodecs codecs, ObjectProvider<JdbcTemplate> jdbcTemplate,
			DataSource dataSource) {
		return new DefaultPgSchema(mappingContext, codecs,
				jdbcTemplate.getIfAvailable(() -> new JdbcTemplate(dataSource)));
	}

	@Bean
	@DependsOnDatabaseInitialization
	SchemaValidationAtStartup pgSchemaValidation(PgSchema schema, PgSchemaProperties properties) {
		return new SchemaValidationAtStartup(schema, properties.getValidation());
	}

	@Bean
	@ConditionalOnProperty("databridge.pg.schema.generate-migration")
	@DependsOnDatabaseInitialization
	ApplicationRunner pgSchemaMigrationGenerator(PgSchema schema, ObjectProvider<JdbcTemplate> jdbcTemplate,
			DataSource dataSource, PgSchemaProperties properties) {
		return args -> {
			MigrationGenerator generator = new MigrationGenerator(schema,
					jdbcTemplate.getIfAvailable(() -> new JdbcTemplate(dataSource)));
			Path location = Path.of(properties.getMigrationLocation()).toAbsolutePath();
			String written = generator.generate(location, properties.getGenerateMigration())
				.map(file -> "Wrote " + file + ": review it, then start the application so that Flyway applies it")
				.orElse("The mapping and the database agree: no migration written");
			System.getLogger(PgSchemaAutoConfiguration.class.getName()).log(System.Logger.Level.INFO, written);
		};
	}

}
