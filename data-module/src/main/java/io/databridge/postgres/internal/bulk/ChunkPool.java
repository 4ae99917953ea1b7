package io.databridge.postgres.internal.bulk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Spare chunks of finished single-connection inserts, kept for the next ones. Reusing
 * them spares a small insert the allocation and zeroing of its buffers, a large part of
 * the client's time of a small insert. At most {@code bufferedChunks} chunks are kept; a
 * chunk grown by an outsized row is left to the garbage collector. Lock-free and
 * thread-safe; a chunk is owned by one insert between {@link #chunk()} and
 * {@link #recycle}.
 */
final class ChunkPool {

	private final ConcurrentLinkedQueue<Chunk> spare = new ConcurrentLinkedQueue<>();

	private final AtomicInteger spareCount = new AtomicInteger();

	private final int chunkBytes;

	private final int bufferedChunks;

	ChunkPool(int chunkBytes, int bufferedChunks) {
		this.chunkBytes = chunkBytes;
		this.bufferedChunks = bufferedChunks;
	}

	/** A spare chunk, else a new one. */
	Chunk chunk() {
		Chunk chunk = this.spare.poll();
		if (chunk != null) {
			this.spareCount.decrementAndGet();
			return chunk;
		}
		return new Chunk(capacity(this.chunkBytes));
	}

	/** The capacity of a new chunk: room for the last row that crosses the chunk size. */
	static int capacity(int chunkBytes) {
		return chunkBytes + chunkBytes / 4;
	}

	/** Keeps the chunks of a finished insert (no other thread holds them). */
	void recycle(List<Chunk> chunks) {
		int limit = 2 * capacity(this.chunkBytes);
		for (Chunk chunk : chunks) {
			if (chunk.out.array().length > limit) {
				continue;
			}
			if (this.spareCount.incrementAndGet() <= this.bufferedChunks) {
				this.spare.offer(chunk);
			}
			else {
				this.spareCount.decrementAndGet();
			}
		}
	}

	/**
	 * A single connection's source: the chunks read already, then the reader itself, one
	 * reused chunk at a time. Not thread-safe.
	 */
	final class ReaderSource implements ChunkSource {

		private final List<Chunk> chunks;

		private final Iterator<Chunk> prefetched;

		private final ChunkReader<?> reader;

		private @Nullable Chunk own;

		ReaderSource(List<Chunk> prefetched, ChunkReader<?> reader) {
			this.chunks = new ArrayList<>(prefetched);
			this.prefetched = prefetched.iterator();
			this.reader = reader;
		}

		@Override
		public @Nullable Chunk next() {
			if (this.prefetched.hasNext()) {
				return this.prefetched.next();
			}
			Chunk chunk = this.own;
			if (chunk == null) {
				chunk = chunk();
				this.own = chunk;
				this.chunks.add(chunk);
			}
			return this.reader.fill(chunk, Long.MAX_VALUE) ? chunk : null;
		}

		@Override
		public void done(Chunk chunk) {
		}

		/** Gives every chunk this source has handed out back to the pool. */
		void recycle() {
			ChunkPool.this.recycle(this.chunks);
		}

	}

}
