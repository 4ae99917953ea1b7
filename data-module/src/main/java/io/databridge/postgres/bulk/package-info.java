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
 * <p><b>Cost of atomicity</b>, measured with {@code BulkThroughputCheck} (1,000,000 rows of five columns with a
 * primary key; median of 3 runs; the shared 2-core development machine under a load average of about 11, so only
 * the proportions mean something): one pipelined COPY on one connection, atomic by itself, about 310,000 rows/s;
 * all-or-nothing parallel (staging table, second write) 210,000 to 240,000 rows/s at parallelism 2 to 8;
 * per-partition commits 400,000 to 530,000 rows/s. With {@code OnConflict.IGNORE} (a staging table on every path):
 * 196,000 rows/s on one connection, 104,000 to 166,000 all-or-nothing parallel, 163,000 to 204,000 per partition.
 * The staged move is one single-threaded {@code INSERT ... SELECT}, so on a small server all-or-nothing parallelism
 * costs more than it gains; set {@code parallelism} to 1 for the fastest atomic load there.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
