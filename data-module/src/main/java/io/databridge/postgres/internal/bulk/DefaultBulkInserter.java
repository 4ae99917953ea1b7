package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkInputException;
import io.databridge.postgres.bulk.BulkInsertPartiallyCommittedException;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.internal.core.EntityStatements;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs bulk inserts over binary COPY and chooses, per call, how: the dispatcher of the
 * bulk engine.
 *
 * <p>
 * <b>Choice of path.</b> The first row decides whether the rows carry their ids (else
 * every id is left to the table's identity or sequence and the id column is not copied).
 * Then:
 * <ol>
 * <li>Inside an active Spring transaction: on the transaction's connection
 * ({@link DataSourceUtils}), on the calling thread, so the insert commits or rolls back
 * with the caller's work; one COPY per chunk of 16 × {@code chunkBytes}, so the input may
 * read from that same connection between them.</li>
 * <li>Otherwise the calling thread reads and encodes up to {@code parallelThreshold} rows
 * (encoded bytes are kept, never the entities). When the input ends before, or the whole
 * input fits the read-ahead, one COPY runs on a pooled connection, on this thread.</li>
 * <li>Otherwise {@link ParallelMode#choose} picks by the {@link Atomicity}: one COPY on
 * one pooled connection, pipelined ({@link Atomicity#ATOMIC} plain inserts, and any
 * insert with parallelism 1), a staged load ({@link StagedLoad}), a two-phase load
 * ({@link TwoPhaseLoad}) or partitions committed each on its own
 * ({@link ParallelCopy}).</li>
 * </ol>
 * Outside the caller's transaction every connection is a fresh one from the pool, never
 * one bound to the thread ({@link BulkConnections}). On one connection, a plain insert is
 * one {@code COPY} into the table; conflicts other than ERROR and returned ids go through
 * a temporary staging table and one {@code INSERT ... SELECT ... ON CONFLICT ...
 * RETURNING} ({@link PartitionWork}).
 *
 * <p>
 * <b>In-doubt recovery</b> of crash-consistent loads ({@link InDoubtRecovery}) runs
 * before each of them, periodically while needed, and on demand
 * ({@link #recoverInDoubtTransactions()}).
 *
 * <p>
 * <b>Errors.</b> Every {@link java.sql.SQLException} goes through the
 * {@link SQLExceptionTranslator}; failures of the input become
 * {@link BulkInputException}s. Thread-safe; one instance serves all inserts of a
 * template.
 */
public final class DefaultBulkInserter {

	private static final int JOINED_CHUNK_FACTOR = 16;

	private final BulkSettings settings;

	private final BulkProgressListener progress;

	private final BulkConnections connections;

	private final ChunkPool chunks;

	private final ParallelCopies copies;

	private final StagedLoad staged;

	private final InDoubtRecovery recovery;

	private final TwoPhaseLoad twoPhase;

	private final RowEncoders encoders;

	/**
	 * Creates an inserter.
	 * @param dataSource where connections come from
	 * @param translator translates every SQLException
	 * @param settings the defaults (copied)
	 * @param progress told about rows sent
	 */
	public DefaultBulkInserter(DataSource dataSource, SQLExceptionTranslator translator, BulkSettings settings,
			BulkProgressListener progress) {
		this.settings = settings.copy();
		this.progress = progress;
		this.connections = new BulkConnections(dataSource, translator);
		this.encoders = new RowEncoders(this.connections);
		this.chunks = new ChunkPool(this.settings.getChunkBytes(), this.settings.getBufferedChunks());
		this.copies = new ParallelCopies(dataSource, this.settings.getBufferedChunks(), this.settings.getChunkBytes());
		this.staged = new StagedLoad(this.connections, this.copies, progress, this.settings.getStaleStagingAge());
		this.recovery = new InDoubtRecovery(this.connections, this.settings.getRecoveryInterval());
		this.twoPhase = new TwoPhaseLoad(this.connections, this.copies, this.recovery, progress);
	}

	/** The defaults this inserter uses (a copy). */
	public BulkSettings settings() {
		return this.settings.copy();
	}

	/**
	 * Inserts rows.
	 * @param statements the entity's statements
	 * @param input the rows, iterated once, in order (a random-access {@code List} may be
	 * read by several threads at once, each its own contiguous part)
	 * @param options the options of this insert
	 * @param returnIds whether to return the ids of the rows written, in input order
	 * @return the rows written and, when asked for, their ids
	 * @throws DataAccessException when anything fails; the table is then as before,
	 * unless the options chose per-partition commits
	 */
	public <T> BulkOutcome insert(EntityStatements<T> statements, Iterable<? extends T> input, BulkOptions options,
			boolean returnIds) {
		String table = statements.entity().tableName();
		Iterator<? extends T> rows;
		T first;
		try {
			rows = input.iterator();
			if (!rows.hasNext()) {
				return new BulkOutcome(0, List.of());
			}
			first = rows.next();
		}
		catch (RuntimeException ex) {
			throw new BulkInputException("Bulk insert into " + table + ": the input failed before its first row (" + ex
					+ "); nothing was written", ex);
		}
		if (first == null) {
			throw new InvalidDataAccessApiUsageException("Bulk insert into " + table + ": row 0 is null");
		}
		boolean withId = !RowEncoder.isNewId(statements.idProperty(), statements.values(first)[statements.idIndex()]);
		boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
		RowEncoder<T> encoder;
		try {
			encoder = this.encoders.encoder(statements, joined, withId, returnIds);
		}
		catch (SqlFailure ex) {
			throw this.connections.translate(table, ex);
		}
		BulkPlan plan = new BulkPlan(statements, encoder.columns(), withId, options, returnIds);
		// in the caller's transaction each chunk is a COPY of its own: bigger chunks,
		// fewer statements
		ChunkReader<T> reader = new ChunkReader<>(new Prepended<>(first, rows), encoder, table,
				joined ? this.settings.getChunkBytes() * JOINED_CHUNK_FACTOR : this.settings.getChunkBytes());
		try {
			long start = System.nanoTime();
			BulkOutcome outcome = joined ? joined(plan, reader) : outside(plan, input, reader, options);
			if (plan.phaseNanos.isEmpty()) {
				plan.phaseEnded("copy", start);
			}
			return outcome.withPlan(plan);
		}
		catch (SqlFailure ex) {
			throw this.connections.translate(table, ex);
		}
	}

	private <T> BulkOutcome outside(BulkPlan plan, Iterable<? extends T> input, ChunkReader<T> reader,
			BulkOptions options) {
		int parallelism = options.parallelism() > 0 ? options.parallelism() : this.settings.getParallelism();
		int threshold = options.parallelThreshold() >= 0 ? Math.max(options.parallelThreshold(), 1)
				: this.settings.getParallelThreshold();
		List<Chunk> prefetched = new ArrayList<>();
		while (reader.rowsRead() < threshold) {
			Chunk chunk = this.chunks.chunk();
			if (!reader.fill(chunk, threshold - reader.rowsRead())) {
				break;
			}
			prefetched.add(chunk);
		}
		if (reader.rowsRead() < threshold || parallelism > 1
				&& (smallCollection(input, reader, prefetched) || fitsReadAhead(reader, prefetched))) {
			return single(plan, this.chunks.new ReaderSource(prefetched, reader));
		}
		ParallelMode mode = (parallelism <= 1) ? ParallelMode.SINGLE : ParallelMode.choose(options.atomicity(),
				this.settings, !plan.staged, parallelism, this.connections::maxPreparedTransactions, plan.table);
		plan.runs(mode.path(), (mode == ParallelMode.SINGLE) ? 1 : parallelism);
		// a random-access list is split into segments that the partitions encode
		// themselves
		List<? extends T> list = input instanceof List<? extends T> l && input instanceof RandomAccess ? l : null;
		return switch (mode) {
			case PER_PARTITION -> perPartition(plan, parallelism, prefetched, reader, list);
			case STAGED -> this.staged.run(plan, parallelism, prefetched, reader, list);
			case TWO_PHASE -> this.twoPhase.run(plan, parallelism, prefetched, reader, list);
			case SINGLE -> pipelined(plan, prefetched, reader);
		};
	}

	/**
	 * Whether the input is a collection that, at the size per row of the rows read so
	 * far, fits the read-ahead: then it is one COPY that streams the rest as it is
	 * encoded, so the server starts on the first rows while the client encodes the next,
	 * instead of waiting for the whole read-ahead.
	 */
	private boolean smallCollection(Iterable<?> input, ChunkReader<?> reader, List<Chunk> prefetched) {
		if (!(input instanceof Collection<?> collection) || reader.rowsRead() == 0) {
			return false;
		}
		long bytes = 0;
		for (Chunk chunk : prefetched) {
			bytes += chunk.out.size();
		}
		long estimate = bytes * collection.size() / reader.rowsRead();
		return estimate <= (long) this.settings.getBufferedChunks() * this.settings.getChunkBytes();
	}

	/**
	 * Reads ahead up to {@code bufferedChunks} chunks. A load that ends within them
	 * (about 1 MiB by default, some thousands of rows) gains nothing from partitions,
	 * each of which costs a connection and a commit: it is one COPY, which is atomic by
	 * itself.
	 * @return whether the whole input is now in {@code prefetched}
	 */
	private boolean fitsReadAhead(ChunkReader<?> reader, List<Chunk> prefetched) {
		while (prefetched.size() < this.settings.getBufferedChunks()) {
			Chunk chunk = this.chunks.chunk();
			if (!reader.fill(chunk, Long.MAX_VALUE)) {
				return true;
			}
			prefetched.add(chunk);
		}
		return false;
	}

	/**
	 * On the connection of the caller's transaction, on this thread, one COPY per chunk:
	 * the input may itself read from that connection (a cursor of the same transaction),
	 * and pgjdbc blocks every other use of a connection for as long as a COPY is open on
	 * it, so the input is only read between COPYs.
	 */
	private BulkOutcome joined(BulkPlan plan, ChunkReader<?> reader) {
		plan.runs("joined", 1);
		ChunkPool.ReaderSource source = this.chunks.new ReaderSource(List.of(), reader);
		DataSource dataSource = this.connections.dataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			PartitionResult result = work(plan).copyPerChunk().run(connection, source, 0);
			return new BulkOutcome(result.written(), result.ids());
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
			source.recycle();
		}
	}

	/**
	 * One COPY on a pooled connection of its own, in a transaction of its own, on this
	 * thread.
	 */
	private BulkOutcome single(BulkPlan plan, ChunkPool.ReaderSource source) {
		try {
			PartitionResult result = this.connections
				.withConnection(connection -> work(plan).runCommitted(connection, source, 0));
			return new BulkOutcome(result.written(), result.ids());
		}
		finally {
			source.recycle();
		}
	}

	/**
	 * One COPY on a pooled connection of its own, in a transaction of its own, pipelined
	 * by {@link ParallelCopy} with one partition: this thread encodes, a virtual thread
	 * writes.
	 */
	private <T> BulkOutcome pipelined(BulkPlan plan, List<Chunk> prefetched, ChunkReader<T> reader) {
		PartitionResult result = this.copies.create(1, work(plan), plan.table).run(prefetched, reader, null).get(0);
		return new BulkOutcome(result.written(), result.ids());
	}

	/**
	 * A partition's work on one connection: straight into the table, or through a
	 * temporary staging table.
	 */
	private PartitionWork work(BulkPlan plan) {
		return plan.staged ? PartitionWork.staged(plan, this.progress)
				: PartitionWork.direct(plan, this.progress, plan.copyIntoTable);
	}

	private <T> BulkOutcome perPartition(BulkPlan plan, int parallelism, List<Chunk> prefetched, ChunkReader<T> reader,
			@Nullable List<? extends T> list) {
		ParallelCopy copy = this.copies.create(parallelism, work(plan), plan.table);
		List<PartitionResult> results;
		try {
			results = copy.run(prefetched, reader, list);
		}
		catch (RuntimeException ex) {
			if (copy.committedBeforeFailure() == 0) {
				throw ex;
			}
			DataAccessException cause = ex instanceof SqlFailure failure
					? this.connections.translate(plan.table, failure) : ex instanceof DataAccessException dae ? dae
							: new BulkInputException("Bulk insert into " + plan.table + " failed: " + ex, ex);
			throw new BulkInsertPartiallyCommittedException(plan.table, copy.committedBeforeFailure(), cause);
		}
		long rows = 0;
		List<Object> ids = new ArrayList<>();
		for (PartitionResult result : results) {
			rows += result.written();
			ids.addAll(result.ids());
		}
		return new BulkOutcome(rows, ids);
	}

	/**
	 * Settles now the prepared transactions that crash-consistent loads (of any JVM) left
	 * in doubt in this data source's database: for every load whose coordinator's lease
	 * is free, commits them when the load recorded the commit decision and rolls them
	 * back otherwise (presumed abort). Loads whose coordinator lives (holds its lease)
	 * are left alone and reported as {@link InDoubtResolution#live()}; then the periodic
	 * recovery is started, should they be left in doubt later. Touches nothing, not even
	 * to create the ledger table, when no load has a prepared transaction, or when the
	 * server allows none. Needs no caller transaction. Thread-safe.
	 * @return the transactions committed, rolled back and left alone
	 * @throws DataAccessException when the database fails
	 */
	public InDoubtResolution recoverInDoubtTransactions() {
		try {
			return this.recovery.recover();
		}
		catch (SqlFailure ex) {
			throw this.connections.translate(TwoPhaseCommit.LEDGER.name(), ex);
		}
	}

	/**
	 * What an application runs at startup
	 * ({@code databridge.pg.bulk.recover-on-startup}); the same as
	 * {@link #recoverInDoubtTransactions()}, which touches nothing when nothing is in
	 * doubt.
	 * @return the transactions committed, rolled back and left alone
	 * @throws DataAccessException when the database fails
	 */
	public InDoubtResolution recoverInDoubtTransactionsIfAny() {
		return recoverInDoubtTransactions();
	}

	/**
	 * The prepared transactions of crash-consistent loads in this data source's database,
	 * those of running loads included (for a health indicator: what would be in doubt if
	 * their coordinators died). Thread-safe.
	 * @return their global transaction ids
	 * @throws DataAccessException when the database fails
	 */
	public List<String> preparedTransactions() {
		try {
			return this.connections
				.withConnection(connection -> this.connections.maxPreparedTransactions(connection) == 0 ? List.of()
						: List.copyOf(TwoPhaseCommit.prepared(connection, null).keySet()));
		}
		catch (SqlFailure ex) {
			throw this.connections.translate(TwoPhaseCommit.LEDGER.name(), ex);
		}
	}

	/** For tests: see {@link TwoPhaseLoad#afterPrepared}. */
	void afterPrepared(@Nullable Runnable hook) {
		this.twoPhase.afterPrepared(hook);
	}

	/** For tests: see {@link TwoPhaseLoad#afterFirstCommitPrepared}. */
	void afterFirstCommitPrepared(@Nullable Runnable hook) {
		this.twoPhase.afterFirstCommitPrepared(hook);
	}

	/** The first row, already read, then the rest of the input. */
	private static final class Prepended<T> implements Iterator<T> {

		private @Nullable T first;

		private final Iterator<? extends T> rest;

		Prepended(T first, Iterator<? extends T> rest) {
			this.first = first;
			this.rest = rest;
		}

		@Override
		public boolean hasNext() {
			return this.first != null || this.rest.hasNext();
		}

		@Override
		public T next() {
			T row = this.first;
			if (row != null) {
				this.first = null;
				return row;
			}
			if (!this.rest.hasNext()) {
				throw new NoSuchElementException();
			}
			return this.rest.next();
		}

	}

}
