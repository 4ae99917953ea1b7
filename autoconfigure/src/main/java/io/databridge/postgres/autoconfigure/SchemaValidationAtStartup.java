package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.schema.PgSchema;
import io.databridge.postgres.schema.SchemaDiff;
import io.databridge.postgres.schema.SchemaValidationException;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Compares the mapping with the database once every singleton exists (so the entities of
 * every repository are known, and Flyway, Liquibase or SQL init, which this bean depends
 * on, have run): {@code warn} logs every difference in one message, {@code fail} throws
 * {@link SchemaValidationException}, which stops the start. Informational differences
 * alone are logged at INFO and never fail; with {@code warn}, a failure to compare (an
 * unmappable property, an unreachable database) is logged too.
 */
final class SchemaValidationAtStartup implements SmartInitializingSingleton {

	private static final System.Logger LOG = System.getLogger(SchemaValidationAtStartup.class.getName());

	private final PgSchema schema;

	private final PgSchemaProperties.Validation mode;

	SchemaValidationAtStartup(PgSchema schema, PgSchemaProperties.Validation mode) {
		this.schema = schema;
		this.mode = mode;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.mode == PgSchemaProperties.Validation.NONE) {
			return;
		}
		SchemaDiff diff;
		try {
			diff = this.schema.diff();
		}
		catch (RuntimeException ex) {
			if (this.mode == PgSchemaProperties.Validation.FAIL) {
				throw ex;
			}
			LOG.log(System.Logger.Level.WARNING,
					"Could not compare the mapped entities with the database: " + ex.getMessage(), ex);
			return;
		}
		if (!diff.hasDrift()) {
			if (!diff.isEmpty()) {
				LOG.log(System.Logger.Level.INFO, "Schema differences that need no change:\n" + diff);
			}
			return;
		}
		SchemaValidationException failure = new SchemaValidationException(diff);
		if (this.mode == PgSchemaProperties.Validation.FAIL) {
			throw failure;
		}
		LOG.log(System.Logger.Level.WARNING, failure.getMessage()
				+ "\nGenerate the migration that closes them with --databridge.pg.schema.generate-migration=<description>");
	}

}
