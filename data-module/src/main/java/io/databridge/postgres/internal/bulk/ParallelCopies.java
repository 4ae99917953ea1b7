package io.databridge.postgres.internal.bulk;

import javax.sql.DataSource;

/**
 * Creates the {@link ParallelCopy} of one insert with the inserter's pool and buffer
 * sizes: the one place they are put together. Immutable and thread-safe.
 */
final class ParallelCopies {

	private final DataSource dataSource;

	private final int bufferedChunks;

	private final int chunkBytes;

	ParallelCopies(DataSource dataSource, int bufferedChunks, int chunkBytes) {
		this.dataSource = dataSource;
		this.bufferedChunks = bufferedChunks;
		this.chunkBytes = chunkBytes;
	}

	/**
	 * A parallel COPY for one insert.
	 * @param partitions the number of partitions (1 pipelines a single COPY)
	 * @param work what each partition does on its connection
	 * @param table the table, for thread names
	 */
	ParallelCopy create(int partitions, PartitionWork work, String table) {
		return new ParallelCopy(this.dataSource, partitions, this.bufferedChunks, this.chunkBytes, work, table);
	}

}
