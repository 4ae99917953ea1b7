/**
 * The schema API: {@link io.databridge.postgres.schema.PgSchema} compares the mapped
 * entities with the database's tables ({@link io.databridge.postgres.schema.SchemaDiff}
 * of {@link io.databridge.postgres.schema.SchemaChange}s), validates them, and writes the
 * SQL of the Flyway migration that closes the gap.
 */
@NullMarked
package io.databridge.postgres.schema;

import org.jspecify.annotations.NullMarked;
