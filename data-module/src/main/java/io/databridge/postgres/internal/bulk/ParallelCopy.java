package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Streams one input over several pooled connections at once, each partition driven by a
 * virtual thread.
 *
 * <p>
 * <b>Algorithm.</b> The calling thread is the coordinator: it reads and encodes the input
 * into chunks ({@link ChunkReader}) and appends them to one shared work queue; every
 * partition takes the next chunk from that queue and writes it into its own COPY, so a
 * faster connection simply takes more chunks. Chunks come from a free list of at most
 * {@code bufferedChunks} buffers; a sent chunk goes back to the free list and the
 * coordinator waits for one before reading on. That bounds the memory of any input, a
 * stream of millions of rows included, to {@code bufferedChunks × chunkBytes}, and makes
 * a slow database slow down the reading (backpressure). At the end of the input the
 * coordinator queues one {@link Chunk#END} per partition.
 *
 * <p>
 * <b>Lists.</b> When the input is a random-access {@code List}, reading needs no
 * coordination: after the chunks read ahead, the rest is split into one contiguous
 * segment per partition and the queue carries those segments instead of encoded chunks. A
 * partition that takes a segment reads and encodes it itself, into a chunk of its own, so
 * encoding runs on every core, no chunk crosses threads, and each backend inserts a
 * contiguous run of the input: for ascending keys its own region of each index, as one
 * server-side COPY per file does, instead of every backend contending for the rightmost
 * index page. A partition without a connection puts its segment back for the others, as
 * with chunks.
 *
 * <p>
 * With one partition the same machinery pipelines a single COPY: the caller's thread
 * encodes while a virtual thread writes.
 *
 * <p>
 * <b>Connections.</b> The coordinator never holds a connection while partitions run, so
 * concurrent inserts and ordinary queries cannot lock the pool (HikariCP "pool-locking"):
 * whoever holds a connection needs no other to make progress. A partition borrows its
 * connection only once it has taken its first chunk, so small inputs do not borrow idle
 * connections. When a partition cannot get a connection (pool timeout) it puts its chunk
 * back at the head of the queue for the others and leaves; a partition that reaches its
 * end marker first takes such work before it ends, and when every other partition has
 * already ended, the one that handed it back tries the pool once more. Only when no
 * partition got a connection does the insert fail. Each partition runs its
 * {@link PartitionWork} in a transaction of its own (committed, or prepared for two-phase
 * commit, see {@link #preparing}) and returns its connection before it ends.
 *
 * <p>
 * <b>Failure.</b> The first failure of any party (a partition's SQL error, the input
 * throwing, an interrupt) is kept; it puts {@link Chunk#ABORT} at the head of the queue
 * once per partition, so every partition stops at its next chunk, cancels its COPY
 * ({@link CopyStream}) and rolls back. The coordinator polls the free list with a timeout
 * and stops reading once a failure is known, so a dead partition cannot leave it blocked.
 * After all partitions have ended, the rows the server acknowledged are compared with the
 * rows read, so a chunk that no partition took can never go unnoticed.
 *
 * <p>
 * One instance serves one insert; not reusable.
 */
final class ParallelCopy {

	private static final long POLL_MILLIS = 20;

	private final DataSource dataSource;

	private final int partitions;

	private final int bufferedChunks;

	final int chunkBytes;

	private final PartitionWork work;

	private final String threadName;

	private final String table;

	final LinkedBlockingDeque<Chunk> queue = new LinkedBlockingDeque<>();

	final ArrayBlockingQueue<Chunk> free;

	final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private final AtomicInteger connected = new AtomicInteger();

	private final AtomicInteger unresolved;

	/**
	 * Guards {@link #running} and work handed back to the queue by a partition that got
	 * no connection.
	 */
	final Object handBack = new Object();

	/** Partitions holding a connection that have not yet taken their end marker. */
	int running;

	private final @Nullable PartitionResult[] results;

	private volatile @Nullable SQLException connectFailure;

	private final Set<String> prepared = ConcurrentHashMap.newKeySet();

	/** The backend process id of each partition holding a connection. */
	private final Map<Integer, Integer> backends = new ConcurrentHashMap<>();

	/** Partitions whose COPY was cancelled because a sibling's lock blocked it. */
	private final Set<Integer> blocked = ConcurrentHashMap.newKeySet();

	private @Nullable IntFunction<String> gids;

	private int allocated;

	private long committedBeforeFailure;

	ParallelCopy(DataSource dataSource, int partitions, int bufferedChunks, int chunkBytes, PartitionWork work,
			String table) {
		this.dataSource = dataSource;
		this.partitions = partitions;
		this.bufferedChunks = bufferedChunks;
		this.chunkBytes = chunkBytes;
		this.work = work;
		this.threadName = "databridge-bulk-" + table + "-";
		this.table = table;
		this.free = new ArrayBlockingQueue<>(bufferedChunks);
		this.unresolved = new AtomicInteger(partitions);
		this.results = new PartitionResult[partitions];
	}

	/**
	 * Makes every partition end its transaction with {@code PREPARE TRANSACTION} under
	 * the given id instead of committing it ({@link TwoPhaseCommit}); call before
	 * {@link #run}.
	 * @param gid the global transaction id of a partition number
	 * @return this
	 */
	ParallelCopy preparing(IntFunction<String> gid) {
		this.gids = gid;
		return this;
	}

	/**
	 * The ids of the transactions the partitions prepared (complete once {@link #run} has
	 * returned or thrown).
	 */
	Set<String> prepared() {
		return Set.copyOf(this.prepared);
	}

	/**
	 * Runs the insert: starts the partitions, feeds them the already-read chunks and then
	 * the rest of the input, and waits for all of them. The rest of the input is read by
	 * this thread ({@code reader}), unless it is a random-access list: then it is split
	 * into one contiguous {@linkplain ChunkReader#segments segment} per partition, which
	 * the partitions read and encode themselves.
	 * @param prefetched chunks read already
	 * @param reader the input's reader, positioned after the prefetched chunks
	 * @param list the input, when it is a random-access list that the reader reads from
	 * its start; else {@code null}
	 * @return the result of every partition that ran
	 * @throws RuntimeException the first failure of any party
	 */
	<T> List<PartitionResult> run(List<Chunk> prefetched, ChunkReader<T> reader, @Nullable List<? extends T> list) {
		List<Thread> threads = new ArrayList<>(this.partitions);
		for (int p = 0; p < this.partitions; p++) {
			int partition = p;
			threads.add(Thread.ofVirtual().name(this.threadName + p).start(() -> partition(partition)));
		}
		long expected;
		try {
			this.queue.addAll(prefetched);
			if (list != null) {
				for (ChunkReader<T> segment : reader.segments(list, this.partitions)) {
					this.queue.add(Chunk.segment(segment));
				}
			}
			else {
				Chunk chunk;
				while ((chunk = freeChunk()) != null) {
					if (!reader.fill(chunk, Long.MAX_VALUE)) {
						this.free.offer(chunk);
						break;
					}
					this.queue.add(chunk);
				}
			}
		}
		catch (RuntimeException | Error ex) {
			fail(ex);
		}
		finally {
			expected = list != null ? list.size() : reader.rowsRead();
		}
		for (int p = 0; p < this.partitions; p++) {
			this.queue.add(Chunk.END);
		}
		joinAll(threads);
		Throwable first = this.failure.get();
		if (first != null) {
			for (PartitionResult result : this.results) {
				if (result != null) {
					this.committedBeforeFailure += result.written();
				}
			}
		}
		if (first instanceof RuntimeException ex) {
			throw ex;
		}
		if (first instanceof Error error) {
			throw error;
		}
		List<PartitionResult> done = new ArrayList<>();
		long copied = 0;
		for (PartitionResult result : this.results) {
			if (result != null) {
				done.add(result);
				copied += result.copied();
			}
		}
		if (copied != expected) {
			this.committedBeforeFailure = done.stream().mapToLong(PartitionResult::written).sum();
			throw new DataAccessResourceFailureException("Bulk insert: the partitions copied " + copied + " of "
					+ expected + " rows read; no partition could take the rest", this.connectFailure);
		}
		return done;
	}

	/**
	 * After {@link #run} failed: the rows written by the partitions that had committed
	 * their own transactions (with per-partition commits these stay in the table).
	 */
	long committedBeforeFailure() {
		return this.committedBeforeFailure;
	}

	private @Nullable Chunk freeChunk() {
		while (this.failure.get() == null) {
			Chunk chunk = this.free.poll();
			if (chunk == null && this.allocated < this.bufferedChunks) {
				this.allocated++;
				return new Chunk(this.chunkBytes + this.chunkBytes / 4);
			}
			if (chunk != null) {
				return chunk;
			}
			try {
				chunk = this.free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DataAccessResourceFailureException("Bulk insert interrupted", ex);
			}
			if (chunk != null) {
				return chunk;
			}
		}
		return null;
	}

	private void joinAll(List<Thread> threads) {
		boolean interrupted = false;
		for (Thread thread : threads) {
			while (true) {
				try {
					thread.join();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
					fail(new DataAccessResourceFailureException("Bulk insert interrupted", ex));
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The backend process id of every partition that holds a connection, by partition (a
	 * snapshot).
	 */
	Map<Integer, Integer> backends() {
		return Map.copyOf(this.backends);
	}

	/**
	 * Marks a partition as blocked by a lock of its own load, before its backend's
	 * statement is cancelled: its failure then becomes a {@code DuplicateKeyException}
	 * ({@link DuplicateInLoad}).
	 */
	void blocked(int partition) {
		this.blocked.add(partition);
	}

	/** Fails the insert from outside (the first failure wins). */
	void fail(Throwable ex) {
		if (this.failure.compareAndSet(null, ex)) {
			for (int p = 0; p < this.partitions; p++) {
				this.queue.addFirst(Chunk.ABORT);
			}
		}
	}

	private void partition(int partition) {
		Chunk first = take();
		if (first == Chunk.END || first == Chunk.ABORT) {
			this.unresolved.decrementAndGet();
			return;
		}
		Connection connection;
		boolean retried = false;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			connection = afterPoolTimeout(partition, first, ex);
			if (connection == null) {
				return;
			}
			retried = true;
		}
		catch (RuntimeException | Error ex) {
			this.queue.addFirst(first);
			fail(ex);
			return;
		}
		this.connected.incrementAndGet();
		synchronized (this.handBack) {
			this.running++;
		}
		if (!retried) {
			this.unresolved.decrementAndGet();
		}
		QueueSource source = null;
		try {
			if (retried) {
				first = take();
				if (first == Chunk.END || first == Chunk.ABORT) {
					return;
				}
			}
			this.backends.put(partition, BulkConnections.backendPid(connection));
			QueueSource own = new QueueSource(this, first);
			source = own;
			IntFunction<String> gidOf = this.gids;
			String gid = gidOf == null ? null : gidOf.apply(partition);
			Connection held = connection;
			this.results[partition] = gid == null ? this.work.runCommitted(held, own, partition)
					: PartitionWork.inTransaction(held, partition, gid, () -> this.work.run(held, own, partition));
			if (gid != null) {
				this.prepared.add(gid);
			}
		}
		catch (BulkAbortedException ex) {
			// another party failed first; its exception is reported
		}
		catch (RuntimeException | Error ex) {
			fail(this.blocked.contains(partition) && source != null
					? DuplicateInLoad.of(this.table, partition, ex, source.origins()) : ex);
		}
		finally {
			this.backends.remove(partition);
			BulkConnections.close(connection);
		}
	}

	/**
	 * After a pool timeout: hands the partition's first item back to the head of the
	 * queue. Normally a partition that holds a connection takes it. When none does any
	 * more and no other partition still waits for a connection (the others finished
	 * before the item came back), the item would be stranded: then this partition tries
	 * once more, now that they have returned their connections.
	 * @return a connection to go on with, or {@code null} when this partition is done
	 */
	private @Nullable Connection afterPoolTimeout(int partition, Chunk first, SQLException ex) {
		boolean stranded;
		synchronized (this.handBack) {
			this.queue.addFirst(first);
			this.connectFailure = ex;
			stranded = this.unresolved.decrementAndGet() == 0 && this.running == 0;
		}
		if (!stranded) {
			return null;
		}
		if (this.connected.get() == 0) {
			fail(new SqlFailure("getConnection", partition, ex));
			return null;
		}
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException again) {
			fail(new SqlFailure("getConnection", partition, again));
			return null;
		}
	}

	/**
	 * At a partition's end marker: whether work handed back by a partition without a
	 * connection waits at the head of the queue, which then comes first (the end marker
	 * is queued again); else the partition ends.
	 */
	boolean handedBackFirst() {
		synchronized (this.handBack) {
			Chunk head = this.queue.peekFirst();
			if (head != null && head != Chunk.END && head != Chunk.ABORT) {
				this.queue.addLast(Chunk.END);
				return true;
			}
			this.running--;
			return false;
		}
	}

	Chunk take() {
		try {
			return this.queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Chunk.ABORT;
		}
	}

}
