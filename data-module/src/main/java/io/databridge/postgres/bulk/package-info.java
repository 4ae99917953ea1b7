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
 * {@code PgBulkOperations.recoverInDoubtTransactions()}, which {@code PgTemplate}
 * implements); until then they hold their locks and slots. Needs the server's
 * {@code max_prepared_transactions} at least the parallelism (it is 0 by default), plain
 * inserts ({@code OnConflict.ERROR}, no returned ids) and the CREATE privilege for the
 * ledger table.</li>
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
 * <b>Cost of atomicity.</b> Two-phase commit costs what per-partition commits cost (a
 * PREPARE per partition, one ledger row, a COMMIT PREPARED per partition) and less than
 * staging, which writes every row twice; {@code OnConflict.IGNORE} goes through a staging
 * table on every path. Parallelism pays where the server has cores to spare and the
 * client's encoding does not compete with it for them. The measured figures, with the
 * machine and load they were taken on, are in {@code benchmarks/results} (produced by
 * {@code benchmarks/run.sh}); they are kept there, not here, so that they never go stale
 * in the javadoc.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
