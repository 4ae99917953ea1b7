/**
 * Bulk loading with binary COPY:
 * {@link io.databridge.postgres.bulk.BulkInsert @BulkInsert} repository methods,
 * {@code PgTemplate.insertAll} and {@code PgRepository.insertAll}, their options
 * ({@link io.databridge.postgres.bulk.BulkOptions}, defaults in
 * {@link io.databridge.postgres.bulk.BulkSettings}), conflict handling
 * ({@link io.databridge.postgres.bulk.OnConflict}) and progress reporting
 * ({@link io.databridge.postgres.bulk.BulkProgressListener}).
 *
 * <p>
 * <b>Semantics.</b> Rows are encoded straight into
 * {@code COPY ... FROM STDIN (FORMAT binary)}. Below the parallel threshold, inside a
 * caller's transaction, or with parallelism 1, one COPY runs on one connection; that is
 * atomic by itself (inside a caller's transaction the insert joins it, whatever the
 * atomicity). From the threshold on, partitions stream concurrently over pooled
 * connections, each on a virtual thread, and the input is read as it is sent (bounded
 * memory). By default a parallel insert is all or nothing: any failure (a constraint
 * violation, a terminated backend, an exception of the input) leaves the table exactly as
 * it was and the caller gets a {@code DataAccessException} naming the cause.
 *
 * <p>
 * <b>Atomicity modes</b> ({@link io.databridge.postgres.bulk.Atomicity}):
 * <ul>
 * <li>{@code TWO_PHASE_COMMIT}: each partition copies straight into the table and
 * prepares its transaction
 * ({@code PREPARE TRANSACTION 'databridge_bulk_<load>_<partition>'}); once all have, the
 * commit decision is recorded in the ledger table {@code databridge_2pc_ledger} and all
 * are committed, else all are rolled back. Prepared transactions a crashed JVM leaves
 * behind are committed or rolled back, as the ledger says, by the next recovery (the
 * first two-phase insert of a template, the application's start with the Boot starter, or
 * {@code DefaultBulkInserter.recoverInDoubtTransactions()}); until then they hold their
 * locks and slots. Needs the server's {@code max_prepared_transactions} at least the
 * parallelism (it is 0 by default), plain inserts ({@code OnConflict.ERROR}, no returned
 * ids) and the CREATE privilege for the ledger table.</li>
 * <li>{@code STAGED}: partitions copy into an unlogged staging table and one
 * {@code INSERT ... SELECT} moves the rows; works on any server and for upserts, but
 * writes every row twice.</li>
 * <li>{@code ALL_OR_NOTHING} (the default,
 * {@link io.databridge.postgres.bulk.BulkSettings#isAtomic()}): two-phase commit where it
 * applies and {@link io.databridge.postgres.bulk.BulkSettings#isTwoPhaseCommit()} allows
 * it; else, silently, one pipelined COPY on one connection for plain inserts (atomic by
 * itself, and faster than staging: see below) and staged for upserts and returned
 * ids.</li>
 * <li>{@code PER_PARTITION}: each partition commits alone; fast, not atomic
 * ({@link io.databridge.postgres.bulk.BulkInsertPartiallyCommittedException}).</li>
 * </ul>
 *
 * <p>
 * <b>Cost of atomicity</b>, measured with {@code BulkThroughputCheck} (1,000,000 rows of
 * five columns with a primary key; median of 5 runs, every configuration once per round;
 * two such runs on the shared 2-core development machine at a load average of 2 to 4, so
 * only the proportions mean something; PostgreSQL with
 * {@code max_prepared_transactions = 64}), rows/s:
 * <ul>
 * <li>one pipelined COPY on one connection (atomic by itself): 778,000 to 790,000;</li>
 * <li>two-phase commit at parallelism 2, 4, 8: 756,000 to 794,000; 771,000 to 781,000;
 * 661,000 to 718,000;</li>
 * <li>per-partition commits: 759,000 to 797,000; 748,000 to 767,000; 717,000 to
 * 743,000;</li>
 * <li>staged: 502,000 to 519,000; 438,000 to 520,000; 446,000 to 531,000;</li>
 * <li>inside a caller's transaction (one COPY per 1 MiB chunk): 636,000 to 673,000;</li>
 * <li>with {@code OnConflict.IGNORE} (a staging table on every path): 349,000 on one
 * connection, 305,000 to 316,000 staged, 321,000 to 342,000 per partition.</li>
 * </ul>
 * Two-phase commit costs what per-partition commits cost (a PREPARE per partition, one
 * ledger row, a COMMIT PREPARED per partition: milliseconds) and about a third less time
 * than staging. The server's own ceiling on this machine (rows encoded by the server
 * beforehand, {@code BulkThroughputCheck#printServerCopyCeiling}) is 815,000 to 860,000
 * rows/s on one connection, 775,000 to 800,000 on two and 735,000 to 755,000 on four: one
 * pipelined COPY already reaches about 95% of it and two-phase parallel inserts 90% to
 * 95% at parallelism 2 and 4, so on two cores parallelism buys nothing over one COPY; it
 * pays where the server has cores to spare and the client's encoding does not compete
 * with it for them.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
