package io.databridge.postgres.bulk;

/**
 * What a bulk insert does with a row whose key already exists in the table.
 */
public enum OnConflict {

	/** Fail the whole insert (the default): nothing is written. */
	ERROR,

	/** Skip the conflicting row ({@code ON CONFLICT ... DO NOTHING}); it is not counted. */
	IGNORE,

	/**
	 * Overwrite the existing row with the new values ({@code ON CONFLICT ... DO UPDATE}); it is counted. Two rows of
	 * one insert with the same key fail the insert, as PostgreSQL cannot update a row twice in one statement.
	 */
	UPDATE
}
