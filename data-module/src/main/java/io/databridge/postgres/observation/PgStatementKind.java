package io.databridge.postgres.observation;

/** Where a catalogued statement comes from. */
public enum PgStatementKind {

	/** A CRUD method of {@code PgRepository} ({@code save}, {@code findById}, ...). */
	CRUD,

	/** A query derived from the method name. */
	DERIVED,

	/** A method's {@code @Query} (or a named query). */
	QUERY,

	/** A Criteria DSL shape. */
	CRITERIA,

	/** An {@code @BulkInsert} method: binary COPY. */
	BULK

}
