package io.databridge.postgres.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.databridge.postgres.core.StatementCounter;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.schema.DefaultPgSchema;
import io.databridge.postgres.test.TestDatabase;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * One PostgreSQL schema of the shared test database, used as a fresh, empty database: its
 * connections have it as {@code currentSchema}, and Flyway applies migrations to it from
 * a directory of its own, as an application's {@code db/migration} would.
 */
final class SchemaFixture {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	final String schema;

	final Path migrations;

	final StatementCounter dataSource;

	private int version;

	SchemaFixture(String prefix) {
		this.schema = prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
		TestDatabase db = TestDatabase.shared();
		db.execute("DROP SCHEMA IF EXISTS \"" + this.schema + "\" CASCADE; CREATE SCHEMA \"" + this.schema + "\"");
		String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
		this.dataSource = new StatementCounter(
				new SimpleDriverDataSource(new org.postgresql.Driver(), url, db.username(), db.password()));
		try {
			this.migrations = Files.createTempDirectory("migrations-" + this.schema);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A schema comparison of the given entities with this schema. */
	PgSchema schema(Class<?>... entities) {
		return schema(new PgMappingContext(), entities);
	}

	PgSchema schema(PgMappingContext context, Class<?>... entities) {
		return new DefaultPgSchema(context, new ValueCodecs(), new JdbcTemplate(this.dataSource),
				() -> List.of(entities));
	}

	/** Writes the next migration and lets Flyway apply every pending one. */
	void migrate(String description, String sql) {
		this.version++;
		try {
			Files.writeString(this.migrations.resolve("V" + this.version + "__" + description + ".sql"), sql);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		flyway().migrate();
	}

	Flyway flyway() {
		return Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(this.schema)
			.locations("filesystem:" + this.migrations)
			.load();
	}

	DataSource plainDataSource() {
		return this.dataSource.getTargetDataSource();
	}

}
