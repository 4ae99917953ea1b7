package io.databridge.postgres.internal.bulk;

import io.databridge.postgres.internal.convert.BinaryOutput;

/**
 * A run of encoded rows, handed from the reader to a partition and back. Two sentinels travel the same queues:
 * {@link #END} (no more input) and {@link #ABORT} (another party failed). Not thread-safe: owned by one thread at a
 * time, the queues publishing it safely.
 */
final class Chunk {

	static final Chunk END = new Chunk(0);

	static final Chunk ABORT = new Chunk(0);

	final BinaryOutput out;

	int rows;

	Chunk(int capacity) {
		this.out = new BinaryOutput(capacity);
	}

	void clear() {
		this.out.reset();
		this.rows = 0;
	}
}
