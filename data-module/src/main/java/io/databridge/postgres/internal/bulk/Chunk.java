package io.databridge.postgres.internal.bulk;

import io.databridge.postgres.internal.convert.BinaryOutput;
import org.jspecify.annotations.Nullable;

/**
 * A run of encoded rows (or a {@linkplain #segment segment} still to encode), handed from
 * the reader to a partition and back. Two sentinels travel the same queues: {@link #END}
 * (no more input) and {@link #ABORT} (another party failed). Not thread-safe: owned by
 * one thread at a time, the queues publishing it safely.
 */
final class Chunk {

	static final Chunk END = new Chunk(0);

	static final Chunk ABORT = new Chunk(0);

	final BinaryOutput out;

	/**
	 * For a work item that is not encoded yet: the segment of the input the partition
	 * taking it encodes itself ({@link ChunkReader#segments}); {@code null} for encoded
	 * rows and the sentinels.
	 */
	final @Nullable ChunkReader<?> segment;

	int rows;

	/** The input position of the first row. */
	long first;

	Chunk(int capacity) {
		this.out = new BinaryOutput(capacity);
		this.segment = null;
	}

	private Chunk(ChunkReader<?> segment) {
		this.out = new BinaryOutput(0);
		this.segment = segment;
	}

	/** A work item: a segment that the partition taking it reads and encodes itself. */
	static Chunk segment(ChunkReader<?> segment) {
		return new Chunk(segment);
	}

	/** Empties the chunk for rows from input position {@code first} on. */
	void clear(long first) {
		this.out.reset();
		this.rows = 0;
		this.first = first;
	}

}
