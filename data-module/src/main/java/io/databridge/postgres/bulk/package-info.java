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
 * primary key, median of 3 runs, on the shared 2-core development machine at a load average of about 5, so only the
 * proportions mean something): one pipelined COPY on one connection, atomic by itself, about 500,000 rows/s;
 * all-or-nothing parallel (staging table, second write) 445,000 to 480,000 rows/s at parallelism 2 to 8;
 * per-partition commits 525,000 to 770,000 rows/s; inside a caller's transaction (one COPY per chunk) 395,000
 * rows/s. With {@code OnConflict.IGNORE} (a staging table on every path): 235,000 rows/s on one connection, 193,000
 * to 271,000 all-or-nothing parallel, 295,000 to 338,000 per partition. The staged move is one single-threaded
 * {@code INSERT ... SELECT}, so all-or-nothing parallelism buys little over one COPY for plain inserts on a small
 * server; it pays off where a staging table is needed anyway, and per-partition commits are the fast, non-atomic
 * choice.
 */
@NullMarked
package io.databridge.postgres.bulk;

import org.jspecify.annotations.NullMarked;
