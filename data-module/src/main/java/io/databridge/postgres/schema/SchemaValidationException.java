package io.databridge.postgres.schema;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * The mapping and the database disagree: thrown by {@link PgSchema#validate()} and, with
 * {@code databridge.pg.schema.validation=fail}, at start-up. The message names every
 * difference; {@link #diff()} holds them.
 */
public class SchemaValidationException extends InvalidDataAccessResourceUsageException {

	private final SchemaDiff diff;

	/**
	 * Creates the exception.
	 * @param diff the differences
	 */
	public SchemaValidationException(SchemaDiff diff) {
		super("The mapped entities and the database schema differ (" + diff.changes().size() + " differences):\n"
				+ diff);
		this.diff = diff;
	}

	/** The differences. */
	public SchemaDiff diff() {
		return this.diff;
	}

}
