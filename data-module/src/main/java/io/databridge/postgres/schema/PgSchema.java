package io.databridge.postgres.schema;

/**
 * The mapped entities' schema compared with the database's. Every call reads the
 * database's catalog afresh (a fixed number of statements, whatever the number of tables)
 * and writes nothing. Thread-safe. Boot auto-configures one over the application's
 * entities (those found by the entity scan and the repositories' entities); a test
 * asserts "no drift" with {@code assertThat(schema.diff().isEmpty())} or
 * {@code schema.validate()} after Flyway ran.
 */
public interface PgSchema {

	/**
	 * Compares the mapping with the database.
	 * @return every difference, errors first; empty when they agree
	 * @throws org.springframework.dao.DataAccessException when the catalog cannot be read
	 * @throws org.springframework.data.mapping.MappingException naming the entity,
	 * property and type when a property's Java type has no PostgreSQL mapping
	 */
	SchemaDiff diff();

	/**
	 * The SQL that closes the {@linkplain #diff() diff}: {@code CREATE TYPE},
	 * {@code CREATE TABLE}, {@code ALTER TABLE ... ADD COLUMN}, {@code ADD CONSTRAINT},
	 * {@code CREATE INDEX} and widening type changes as statements; destructive changes
	 * (dropping extra columns, narrowing a type) only as comments, each with a warning.
	 * @return the script, one statement per line group, ending with a newline; a comment
	 * saying there is nothing to do when the diff is empty
	 */
	String toMigrationSql();

	/**
	 * Fails unless the mapping and the database agree, up to informational differences.
	 * @throws SchemaValidationException naming every difference (entity, property,
	 * column, expected, found) in one message
	 */
	void validate();

}
