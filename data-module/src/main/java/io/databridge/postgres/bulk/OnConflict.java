package io.databridge.postgres.bulk;

/**
 * What a bulk insert does with a row whose key already exists in the table.
 */
public enum OnConflict {

	/** Fail the whole insert (the default): nothing is written. */
	ERROR,

	/**
	 * Skip the conflicting row ({@code ON CONFLICT ... DO NOTHING}); it is not counted.
	 * Without a conflict target or constraint, a conflict with any unique constraint is
	 * skipped.
	 */
	IGNORE,

	/**
	 * Overwrite the existing row with the new values ({@code ON CONFLICT ... DO UPDATE});
	 * it is counted. Without a conflict target or constraint the arbiter is the id; the
	 * id itself is never updated. Two rows of one insert with the same key fail the
	 * insert, as PostgreSQL cannot update a row twice in one statement.
	 */
	UPDATE

}
