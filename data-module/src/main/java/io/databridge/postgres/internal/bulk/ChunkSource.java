package io.databridge.postgres.internal.bulk;

import org.jspecify.annotations.Nullable;

/**
 * Where one partition takes its encoded rows from: the reader itself on a single
 * connection, or the exchange that the coordinating thread fills when partitions run in
 * parallel.
 */
interface ChunkSource {

	/**
	 * The next chunk, blocking until there is one.
	 * @return the chunk, or {@code null} at the end of the input
	 * @throws BulkAbortedException when another party of the insert failed
	 */
	@Nullable Chunk next();

	/** Gives a chunk back once its bytes are sent. */
	void done(Chunk chunk);

}
