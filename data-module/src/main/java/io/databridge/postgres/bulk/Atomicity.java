package io.databridge.postgres.bulk;

/**
 * Whether a parallel bulk insert is all-or-nothing, and how. Only inserts that run in
 * parallel are concerned: a single COPY (below the threshold, in a caller's transaction,
 * or with parallelism 1) is atomic by itself, and inside a caller's transaction the
 * insert always joins that transaction.
 */
public enum Atomicity {

	/**
	 * Use the configured default: {@link #ALL_OR_NOTHING} when
	 * {@link BulkSettings#isAtomic()}, else {@link #PER_PARTITION}.
	 */
	DEFAULT,

	/**
	 * All rows or none, by the fastest means available: {@link #TWO_PHASE_COMMIT} for
	 * plain inserts ({@link OnConflict#ERROR}, no returned ids) when
	 * {@link BulkSettings#isTwoPhaseCommit()} is on and the server allows at least as
	 * many prepared transactions as partitions ({@code max_prepared_transactions}, read
	 * once per data source). Otherwise, silently: plain inserts run as one pipelined COPY
	 * on one connection, which is atomic by itself and faster than staging (no
	 * partitions, so no parallel speed-up); upserts and returned ids go through
	 * {@link #STAGED}.
	 */
	ALL_OR_NOTHING,

	/**
	 * All rows or none by two-phase commit: each partition copies straight into the table
	 * and prepares its transaction ({@code PREPARE TRANSACTION}); once all have, the
	 * decision is recorded in a ledger table and every one is committed
	 * ({@code COMMIT PREPARED}), else all are rolled back. As fast as
	 * {@link #PER_PARTITION}. A JVM that dies between the decision and the last commit
	 * leaves prepared transactions, which the next recovery completes (see
	 * {@code PgBulkOperations.recoverInDoubtTransactions()}). Needs
	 * {@code max_prepared_transactions} at least the parallelism,
	 * {@link OnConflict#ERROR} and no returned ids; an insert asking for it otherwise is
	 * rejected with an {@code InvalidDataAccessApiUsageException}.
	 */
	TWO_PHASE_COMMIT,

	/**
	 * All rows or none through a staging table: parallel partitions copy into an unlogged
	 * staging table that one transaction then moves into the table (with the ON CONFLICT
	 * clause). Costs a second write of every row, and the database user needs the CREATE
	 * privilege on the table's schema. Works on any server and for upserts.
	 */
	STAGED,

	/**
	 * Each partition copies straight into the table and commits on its own. Fast, but
	 * when one partition fails the rows of the partitions that already committed stay in
	 * the table.
	 */
	PER_PARTITION

}
