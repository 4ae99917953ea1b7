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
 * {@code COPY ... FROM STDIN (FORMAT binary)}. Inside a caller's transaction the insert
 * joins it. Otherwise, by default ({@link io.databridge.postgres.bulk.Atomicity#ATOMIC}),
 * an insert is one transaction: concurrent readers see all of its rows or none at every
 * moment, and any failure (a constraint violation, a terminated backend, an exception of
 * the input) leaves the table exactly as it was and raises a {@code DataAccessException}
 * naming the cause. A plain insert is then one COPY on one connection, pipelined (rows
 * are encoded while earlier ones are sent); upserts and returned ids go through a staging
 * table filled by parallel partitions and one {@code INSERT ... SELECT}.
 *
 * <p>
 * <b>Other modes</b> ({@link io.databridge.postgres.bulk.Atomicity}) run partitions in
 * parallel over pooled connections, each on a virtual thread, and say what they give up:
 * {@code CRASH_CONSISTENT} commits the partitions by two-phase commit (all or nothing
 * once the call returns or recovery has run, but readers can see part during the commit
 * window), {@code STAGED} writes every row twice, {@code PER_PARTITION} commits each
 * partition alone. The input is read as it is sent, with bounded memory, in every mode.
 *
 * <p>
 * <b>Crash-consistent loads and recovery.</b> The coordinator of such a load holds a
 * session advisory lock (its lease) for the whole load; its partitions' prepared
 * transactions are {@code databridge_bulk_<load>_<partition>}, and its commit decision is
 * a row of the ledger table {@code databridge_2pc_ledger}. Recovery settles the prepared
 * transactions of every load whose lease is free (the coordinator's session is gone): it
 * commits them when the ledger says so and rolls them back otherwise, with no grace
 * period, and never touches a live load. It runs when the application starts (Boot
 * starter), before every crash-consistent load, periodically while transactions of a
 * failed load may be left
 * ({@link io.databridge.postgres.bulk.BulkSettings#getRecoveryInterval()}), and on
 * demand.
 *
 * <p>
 * Throughput of each mode is measured by the benchmarks module (the {@code data-bridge}
 * contenders), with the figures in {@code benchmarks/results/} and the README's table of
 * modes; none are quoted here because they depend on the machine.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
