package io.databridge.postgres.internal.bulk;

import org.jspecify.annotations.Nullable;

/**
 * One partition's view of the work queue of a {@link ParallelCopy}: its first item, then
 * whatever it takes; a segment is read and encoded here, into a chunk of the partition's
 * own, before the next item is taken. Records where each chunk's rows come from in the
 * input ({@link #origins()}), so that a row the server names by its line in this
 * partition's COPY can be named by its input position. Used by one partition's thread
 * only.
 */
final class QueueSource implements ChunkSource {

	private final ParallelCopy copy;

	private final RowOrigins origins = new RowOrigins();

	private @Nullable Chunk first;

	private @Nullable ChunkReader<?> segment;

	private @Nullable Chunk own;

	QueueSource(ParallelCopy copy, Chunk first) {
		this.copy = copy;
		this.first = first;
	}

	/** Where the rows handed out so far come from in the input. */
	RowOrigins origins() {
		return this.origins;
	}

	@Override
	public @Nullable Chunk next() {
		Chunk chunk = nextChunk();
		if (chunk != null) {
			this.origins.add(chunk.first, chunk.rows);
		}
		return chunk;
	}

	private @Nullable Chunk nextChunk() {
		while (true) {
			ChunkReader<?> reading = this.segment;
			if (reading != null) {
				if (this.copy.failure.get() != null) {
					throw new BulkAbortedException();
				}
				Chunk chunk = this.own;
				if (chunk == null) {
					chunk = new Chunk(ChunkPool.capacity(this.copy.chunkBytes));
					this.own = chunk;
				}
				if (reading.fill(chunk, Long.MAX_VALUE)) {
					return chunk;
				}
				this.segment = null;
			}
			Chunk chunk = this.first;
			this.first = null;
			if (chunk == null) {
				chunk = this.copy.take();
			}
			if (chunk == Chunk.ABORT || this.copy.failure.get() != null) {
				if (chunk != Chunk.ABORT && chunk != Chunk.END && chunk.segment == null) {
					done(chunk);
				}
				throw new BulkAbortedException();
			}
			if (chunk == Chunk.END) {
				if (this.copy.handedBackFirst()) {
					continue;
				}
				return null;
			}
			if (chunk.segment == null) {
				return chunk;
			}
			this.segment = chunk.segment;
		}
	}

	@Override
	public void done(Chunk chunk) {
		if (chunk != this.own) {
			this.copy.free.offer(chunk);
		}
	}

}
