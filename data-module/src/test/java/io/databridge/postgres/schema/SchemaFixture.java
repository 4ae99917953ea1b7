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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

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

	private final String url;

	private int version;

	SchemaFixture(String prefix) {
		this.schema = prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
		TestDatabase db = TestDatabase.shared();
		String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
		this.url = url;
		// one connection for the whole fixture: opening one per statement is what costs
		// on a loaded machine
		SingleConnectionDataSource connection = new SingleConnectionDataSource(url, db.username(), db.password(), true);
		connection.setAutoCommit(true);
		this.dataSource = new StatementCounter(connection);
		execute("CREATE SCHEMA \"" + this.schema + "\"");
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
		TestDatabase db = TestDatabase.shared();
		// Flyway opens connections of its own (history table, migration): not the
		// fixture's single one
		return Flyway.configure()
			.dataSource(new SimpleDriverDataSource(new org.postgresql.Driver(), this.url, db.username(), db.password()))
			.schemas(this.schema)
			.locations("filesystem:" + this.migrations)
			.load();
	}

	DataSource plainDataSource() {
		return this.dataSource.getTargetDataSource();
	}

	/** Runs SQL (any number of statements) on the fixture's connection. */
	void execute(String sql) {
		new JdbcTemplate(plainDataSource()).execute(sql);
	}

	/** Drops the schema and closes the connection. */
	void drop() {
		execute("DROP SCHEMA \"" + this.schema + "\" CASCADE");
		((SingleConnectionDataSource) plainDataSource()).destroy();
	}

}
