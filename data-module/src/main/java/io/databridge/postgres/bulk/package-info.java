/**
 * Bulk loading with binary COPY: {@link io.databridge.postgres.bulk.BulkInsert @BulkInsert} repository methods,
 * {@code PgTemplate.insertAll} and {@code PgRepository.insertAll}, their options
 * ({@link io.databridge.postgres.bulk.BulkOptions}, defaults in {@link io.databridge.postgres.bulk.BulkSettings}),
 * conflict handling ({@link io.databridge.postgres.bulk.OnConflict}) and progress reporting
 * ({@link io.databridge.postgres.bulk.BulkProgressListener}).
 *
 * <p><b>Semantics.</b> Rows are encoded straight into {@code COPY ... FROM STDIN (FORMAT binary)}. Below the parallel
 * threshold, inside a caller's transaction, or with parallelism 1, one COPY runs on one connection; that is atomic
 * by itself. From the threshold on, partitions stream concurrently over pooled connections, each on a virtual
 * thread, and the input is read as it is sent (bounded memory). By default a parallel insert is all or nothing:
 * partitions COPY into an unlogged staging table and one transaction moves the rows into the table, so any failure
 * (a constraint violation, a terminated backend, an exception of the input) leaves the table exactly as it was and
 * the caller gets a {@code DataAccessException} naming the cause. {@link io.databridge.postgres.bulk.Atomicity#PER_PARTITION}
 * trades that for speed: each partition commits alone.
 *
 * <p><b>Cost of atomicity</b>, measured once with {@code BulkThroughputCheck} (1,000,000 rows of five columns,
 * primary key, on the shared 2-core development machine, under load, so only the proportions mean something):
 * one COPY on one connection about 225,000 rows/s; all-or-nothing parallel (staging table, second write) 130,000 to
 * 160,000 rows/s at parallelism 2 to 8; per-partition commits 320,000 to 390,000 rows/s. The staged move is one
 * single-threaded {@code INSERT ... SELECT}, so an all-or-nothing parallel insert cannot beat a single COPY for plain
 * inserts; it pays off where a staging table is needed anyway (conflicts, returned ids: 121,000 rows/s parallel
 * against 92,000 on one connection).
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
