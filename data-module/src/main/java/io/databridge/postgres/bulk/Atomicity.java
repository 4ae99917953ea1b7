package io.databridge.postgres.bulk;

/**
 * What a bulk insert promises to concurrent readers and after a crash. Inside a caller's
 * transaction the insert always joins that transaction, whatever the mode; a single COPY
 * (below the parallel threshold, or a load that fits the read-ahead) is one transaction
 * in every mode.
 *
 * <table>
 * <caption>The modes</caption>
 * <tr>
 * <th>mode</th>
 * <th>concurrent readers see</th>
 * <th>after a crash</th>
 * <th>needs</th>
 * </tr>
 * <tr>
 * <td>{@link #ATOMIC}</td>
 * <td>all rows or none, at every moment</td>
 * <td>none</td>
 * <td>nothing</td>
 * </tr>
 * <tr>
 * <td>{@link #STAGED}</td>
 * <td>all rows or none, at every moment</td>
 * <td>none (a staging table may be left, dropped later)</td>
 * <td>CREATE on the table's schema</td>
 * </tr>
 * <tr>
 * <td>{@link #CRASH_CONSISTENT}</td>
 * <td>part of the rows during the commit window</td>
 * <td>all or none once recovery ran</td>
 * <td>{@code max_prepared_transactions} &ge; parallelism</td>
 * </tr>
 * <tr>
 * <td>{@link #PER_PARTITION}</td>
 * <td>the partitions as each commits</td>
 * <td>the partitions that had committed</td>
 * <td>nothing</td>
 * </tr>
 * </table>
 */
public enum Atomicity {

	/**
	 * The configured default, {@link BulkSettings#getAtomicity()} ({@link #ATOMIC} unless
	 * changed).
	 */
	DEFAULT,

	/**
	 * One transaction, as PostgreSQL means it: concurrent readers see all rows or none at
	 * every moment, and a crash leaves none. Plain inserts ({@link OnConflict#ERROR}, no
	 * returned ids) are one COPY on one connection, pipelined: the rows are encoded while
	 * earlier ones are sent (the caller's thread encodes, a virtual thread writes). One
	 * backend is the limit of one transaction, so this mode runs no faster than the
	 * server's own single-session COPY. Upserts and returned ids run as {@link #STAGED}.
	 * The default.
	 */
	ATOMIC,

	/**
	 * Parallel partitions committed together by two-phase commit. Each partition copies
	 * straight into the table on a connection of its own and prepares its transaction
	 * ({@code PREPARE TRANSACTION}); once all have, the decision is recorded in a ledger
	 * table and each is committed ({@code COMMIT PREPARED}), else all are rolled back.
	 * What holds: once the call returns, or once recovery has run after a crash, the
	 * table holds all rows or none. What does not: each {@code COMMIT PREPARED} becomes
	 * visible on its own, so during the commit window (milliseconds; longer when the JVM
	 * dies in it, until recovery, which runs as soon as the coordinator's lease is gone)
	 * concurrent readers can see part of the rows. A duplicate key across partitions is
	 * detected while the partitions run and fails the load with a
	 * {@code DuplicateKeyException}. Needs {@code max_prepared_transactions} at least the
	 * parallelism, {@link OnConflict#ERROR} and no returned ids; an insert asking for it
	 * otherwise is rejected with an {@code InvalidDataAccessApiUsageException}.
	 */
	CRASH_CONSISTENT,

	/**
	 * Parallel partitions copy into an unlogged staging table that one transaction then
	 * moves into the table ({@code INSERT ... SELECT}, with the ON CONFLICT clause):
	 * atomic for readers like {@link #ATOMIC}. Costs a second write of every row, and the
	 * database user needs the CREATE privilege on the table's schema. Works for upserts.
	 */
	STAGED,

	/**
	 * Each partition copies straight into the table and commits on its own. Fast, but
	 * readers see partitions as they commit, and when one partition fails the rows of the
	 * partitions that already committed stay in the table
	 * ({@link BulkInsertPartiallyCommittedException}).
	 */
	PER_PARTITION

}
