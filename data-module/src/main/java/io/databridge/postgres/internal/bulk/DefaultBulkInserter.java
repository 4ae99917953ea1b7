package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkInputException;
import io.databridge.postgres.bulk.BulkInsertPartiallyCommittedException;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs bulk inserts over binary COPY and chooses, per call, how.
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
 * (encoded bytes are kept, never the entities). When the input ends before, one COPY runs
 * on a pooled connection, on this thread.</li>
 * <li>With parallelism 1: one COPY on a pooled connection, pipelined by
 * {@link ParallelCopy} with one partition: this thread encodes, a virtual thread
 * writes.</li>
 * <li>Otherwise in parallel ({@link ParallelCopy}), each partition on a pooled connection
 * of its own.</li>
 * </ol>
 * Outside the caller's transaction every connection is a fresh one from the pool (never
 * one bound to the thread), so an input that reads from the database on another
 * connection cannot collide with the COPY; each runs in a transaction of its own. On one
 * connection, a plain insert is one {@code COPY} into the table; conflicts other than
 * ERROR and returned ids go through a temporary staging table and one
 * {@code INSERT ... SELECT ... ON CONFLICT ... RETURNING}.
 *
 * <p>
 * <b>Atomicity of parallel inserts.</b> Parallel COPYs are separate transactions;
 * {@link ParallelMode#choose} picks how they finish from the {@link Atomicity}, the
 * {@link BulkSettings} and the server:
 * <ul>
 * <li>Two-phase commit ({@link Atomicity#TWO_PHASE_COMMIT}, and the default for plain
 * inserts, ON CONFLICT ERROR without returned ids, when
 * {@link BulkSettings#isTwoPhaseCommit()} is on and the server's
 * {@code max_prepared_transactions}, read once per inserter with {@code SHOW}, is at
 * least the parallelism): every partition COPYs straight into the table and ends with
 * {@code PREPARE TRANSACTION}; when all prepared, the decision is recorded in a ledger
 * table and each is committed with {@code COMMIT PREPARED}; when any failed, the prepared
 * ones are rolled back. The protocol, the ledger and the recovery of transactions a
 * crashed JVM left prepared are described in {@link TwoPhaseCommit}; the first two-phase
 * insert of an inserter runs that recovery, and {@link #recoverInDoubtTransactions()}
 * runs it on demand. The coordinator takes its connections only after every partition has
 * returned its own (a prepared transaction is detached from its session), so the pool
 * cannot lock.</li>
 * <li>One pipelined COPY on one connection, with no partitions
 * ({@link ParallelMode#SINGLE}): the choice of {@link Atomicity#ALL_OR_NOTHING} for plain
 * inserts on a server without enough prepared transactions, or with two-phase commit
 * switched off. It is atomic by itself and faster than staging, whose one
 * {@code INSERT ... SELECT} alone costs more than a COPY of the rows.</li>
 * <li>Staging ({@link Atomicity#STAGED}, and the choice of
 * {@link Atomicity#ALL_OR_NOTHING} for upserts and returned ids), in three steps: create
 * an UNLOGGED staging table (named {@code databridge_bulk_<epoch seconds>_<random>}, in
 * the target's schema; the first such insert of an inserter drops those older than
 * {@link BulkSettings#getStaleStagingAge()}, left by a crashed JVM); every partition
 * COPYs into it and commits; then, only if every partition succeeded, one transaction
 * moves all rows into the table with {@code INSERT ... SELECT} (with the ON CONFLICT
 * clause and RETURNING), and the staging table is dropped whatever happened. The price is
 * a second write of every row.</li>
 * <li>{@link Atomicity#PER_PARTITION}: each partition runs the single-connection path on
 * its own connection and commits alone, so a failure leaves the committed partitions'
 * rows in place.</li>
 * </ul>
 * In the first two a failure anywhere before the commit decision leaves the table as it
 * was. Measured costs are in the {@code bulk} package documentation.
 *
 * <p>
 * <b>Errors.</b> Every {@link SQLException} goes through the
 * {@link SQLExceptionTranslator}; failures of the input become
 * {@link BulkInputException}s. Thread-safe; one instance serves all inserts of a
 * template.
 */
public final class DefaultBulkInserter {

	private static final System.Logger LOG = System.getLogger(DefaultBulkInserter.class.getName());

	private static final int JOINED_CHUNK_FACTOR = 16;

	private final DataSource dataSource;

	private final SQLExceptionTranslator translator;

	private final BulkSettings settings;

	private final BulkProgressListener progress;

	private final AtomicBoolean staleStagingChecked = new AtomicBoolean();

	/**
	 * Chunks of finished single-connection inserts, kept for the next ones
	 * ({@link #chunk()}).
	 */
	private final ConcurrentLinkedQueue<Chunk> spareChunks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger spareCount = new AtomicInteger();

	private final AtomicBoolean twoPhaseReady = new AtomicBoolean();

	private volatile int maxPreparedTransactions = -1;

	private volatile @Nullable Runnable afterFirstCommitPrepared;

	/**
	 * Creates an inserter.
	 * @param dataSource where connections come from
	 * @param translator translates every SQLException
	 * @param settings the defaults (copied)
	 * @param progress told about rows sent
	 */
	public DefaultBulkInserter(DataSource dataSource, SQLExceptionTranslator translator, BulkSettings settings,
			BulkProgressListener progress) {
		this.dataSource = dataSource;
		this.translator = translator;
		this.settings = settings.copy();
		this.progress = progress;
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
		prepareCodecs(statements);
		RowEncoder<T> encoder = new RowEncoder<>(statements, withId, returnIds);
		BulkPlan plan = new BulkPlan(statements, encoder.columns(), withId, options, returnIds);
		boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
		// in the caller's transaction each chunk is a COPY of its own: bigger chunks,
		// fewer statements
		ChunkReader<T> reader = new ChunkReader<>(new Prepended<>(first, rows), encoder, table,
				joined ? this.settings.getChunkBytes() * JOINED_CHUNK_FACTOR : this.settings.getChunkBytes());
		int parallelism = options.parallelism() > 0 ? options.parallelism() : this.settings.getParallelism();
		int threshold = options.parallelThreshold() >= 0 ? Math.max(options.parallelThreshold(), 1)
				: this.settings.getParallelThreshold();
		try {
			if (joined) {
				ReaderSource source = new ReaderSource(List.of(), reader);
				try {
					return joined(plan, source);
				}
				finally {
					recycle(source.chunks());
				}
			}
			List<Chunk> prefetched = new ArrayList<>();
			while (reader.rowsRead() < threshold) {
				Chunk chunk = chunk();
				if (!reader.fill(chunk, threshold - reader.rowsRead())) {
					break;
				}
				prefetched.add(chunk);
			}
			if (reader.rowsRead() < threshold || parallelism > 1
					&& (smallCollection(input, reader, prefetched) || fitsReadAhead(reader, prefetched))) {
				ReaderSource source = new ReaderSource(prefetched, reader);
				try {
					return single(plan, source);
				}
				finally {
					recycle(source.chunks());
				}
			}
			if (parallelism <= 1) {
				return pipelined(plan, prefetched, reader);
			}
			// a random-access list is split into segments that the partitions encode
			// themselves
			List<? extends T> list = input instanceof List<? extends T> l && input instanceof RandomAccess ? l : null;
			return switch (ParallelMode.choose(options.atomicity(), this.settings, !plan.staged, parallelism,
					this::maxPreparedTransactions, table)) {
				case PER_PARTITION -> parallelPerPartition(plan, parallelism, prefetched, reader, list);
				case STAGED -> parallelAtomic(plan, parallelism, prefetched, reader, list);
				case TWO_PHASE -> parallelTwoPhase(plan, parallelism, prefetched, reader, list);
				case SINGLE -> pipelined(plan, prefetched, reader);
			};
		}
		catch (SqlFailure ex) {
			throw translate(table, ex);
		}
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
	 * each of which costs a connection and a commit, and for all-or-nothing a staging
	 * table or a prepared transaction: it is one COPY, which is atomic by itself.
	 * Measured on the benchmark table: 1,000 rows took 43-78 ms over staged partitions
	 * and about 5 ms as one COPY.
	 * @return whether the whole input is now in {@code prefetched}
	 */
	private boolean fitsReadAhead(ChunkReader<?> reader, List<Chunk> prefetched) {
		while (prefetched.size() < this.settings.getBufferedChunks()) {
			Chunk chunk = chunk();
			if (!reader.fill(chunk, Long.MAX_VALUE)) {
				return true;
			}
			prefetched.add(chunk);
		}
		return false;
	}

	/**
	 * A chunk for this thread: a spare one left by an earlier single-connection insert,
	 * else a new one. Reusing them spares a small insert the allocation and zeroing of
	 * its buffers, which measured a third of the client's time of a 1,000-row insert.
	 */
	private Chunk chunk() {
		Chunk spare = this.spareChunks.poll();
		if (spare != null) {
			this.spareCount.decrementAndGet();
			return spare;
		}
		return new Chunk(chunkCapacity());
	}

	/** The capacity of a new chunk: room for the last row that crosses the chunk size. */
	private int chunkCapacity() {
		return this.settings.getChunkBytes() + this.settings.getChunkBytes() / 4;
	}

	/**
	 * Keeps the chunks of a finished single-connection insert (no other thread holds
	 * them) for the next one, up to {@code buffered-chunks} spare chunks; a chunk grown
	 * by an outsized row is left to the garbage collector.
	 */
	private void recycle(List<Chunk> chunks) {
		for (Chunk chunk : chunks) {
			if (chunk.out.array().length <= 2 * chunkCapacity()
					&& this.spareCount.incrementAndGet() <= this.settings.getBufferedChunks()) {
				this.spareChunks.offer(chunk);
			}
			else if (chunk.out.array().length <= 2 * chunkCapacity()) {
				this.spareCount.decrementAndGet();
			}
		}
	}

	/**
	 * On the connection of the caller's transaction, on this thread, one COPY per chunk:
	 * the input may itself read from that connection (a cursor of the same transaction),
	 * and pgjdbc blocks every other use of a connection for as long as a COPY is open on
	 * it, so the input is only read between COPYs.
	 */
	private BulkOutcome joined(BulkPlan plan, ChunkSource source) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			PartitionResult result = work(plan).copyPerChunk().run(connection, source, 0);
			return new BulkOutcome(result.written(), result.ids());
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * One COPY on a pooled connection of its own, in a transaction of its own, on this
	 * thread.
	 */
	private BulkOutcome single(BulkPlan plan, ChunkSource source) {
		PartitionResult result = withConnection(connection -> work(plan).runCommitted(connection, source, 0));
		return new BulkOutcome(result.written(), result.ids());
	}

	/**
	 * One COPY on a pooled connection of its own, in a transaction of its own, pipelined
	 * by {@link ParallelCopy} with one partition: this thread encodes, a virtual thread
	 * writes.
	 */
	private <T> BulkOutcome pipelined(BulkPlan plan, List<Chunk> prefetched, ChunkReader<T> reader) {
		PartitionResult result = new ParallelCopy(this.dataSource, 1, this.settings.getBufferedChunks(),
				this.settings.getChunkBytes(), work(plan), plan.table)
			.run(prefetched, reader, null)
			.get(0);
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

	private <T> BulkOutcome parallelPerPartition(BulkPlan plan, int parallelism, List<Chunk> prefetched,
			ChunkReader<T> reader, @Nullable List<? extends T> list) {
		PartitionWork work = work(plan);
		ParallelCopy copy = new ParallelCopy(this.dataSource, parallelism, this.settings.getBufferedChunks(),
				this.settings.getChunkBytes(), work, plan.table);
		List<PartitionResult> results;
		try {
			results = copy.run(prefetched, reader, list);
		}
		catch (RuntimeException ex) {
			if (copy.committedBeforeFailure() == 0) {
				throw ex;
			}
			DataAccessException cause = ex instanceof SqlFailure failure ? translate(plan.table, failure)
					: ex instanceof DataAccessException dae ? dae
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

	private <T> BulkOutcome parallelAtomic(BulkPlan plan, int parallelism, List<Chunk> prefetched,
			ChunkReader<T> reader, @Nullable List<? extends T> list) {
		Sql.Table stage = plan.stagingTable(false);
		String drop = plan.dropStaging(stage);
		withConnection(connection -> {
			dropStaleStagingTables(connection);
			PartitionWork.execute(connection, plan.createStaging(stage, false), -1);
			return null;
		});
		Throwable failure = null;
		try {
			PartitionWork work = PartitionWork.direct(plan, this.progress, plan.copyIntoStaging(stage));
			List<PartitionResult> results = new ParallelCopy(this.dataSource, parallelism,
					this.settings.getBufferedChunks(), this.settings.getChunkBytes(), work, plan.table)
				.run(prefetched, reader, list);
			long copied = results.stream().mapToLong(PartitionResult::copied).sum();
			PartitionResult moved = withConnection(connection -> PartitionWork.inTransaction(connection, -1,
					() -> PartitionWork.moveRows(connection, plan, plan.insertFromStaging(stage), copied, -1)));
			return new BulkOutcome(moved.written(), moved.ids());
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			// an interrupt of the caller would close the socket of the cleanup, so it
			// waits until after the drop
			boolean interrupted = Thread.interrupted();
			try {
				withConnection(connection -> {
					PartitionWork.execute(connection, drop, -1);
					return null;
				});
			}
			catch (RuntimeException dropFailure) {
				if (failure != null) {
					failure.addSuppressed(dropFailure);
				}
				else {
					throw dropFailure;
				}
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	/**
	 * All or nothing by two-phase commit ({@link TwoPhaseCommit}): every partition COPYs
	 * into the table and prepares its transaction; the coordinator, holding no connection
	 * while they run, then records the decision and commits them all, or rolls back those
	 * prepared when anything failed.
	 */
	private <T> BulkOutcome parallelTwoPhase(BulkPlan plan, int parallelism, List<Chunk> prefetched,
			ChunkReader<T> reader, @Nullable List<? extends T> list) {
		if (!this.twoPhaseReady.get()) {
			// creates the ledger and settles what crashed JVMs left; harmless when two
			// inserts race here
			withConnection(connection -> recover(connection, this.settings.getInDoubtGrace()));
			this.twoPhaseReady.set(true);
		}
		String load = TwoPhaseCommit.start();
		try {
			ParallelCopy copy = new ParallelCopy(this.dataSource, parallelism, this.settings.getBufferedChunks(),
					this.settings.getChunkBytes(), PartitionWork.direct(plan, this.progress, plan.copyIntoTable),
					plan.table)
				.preparing(partition -> TwoPhaseCommit.gid(load, partition));
			List<PartitionResult> results;
			try {
				results = copy.run(prefetched, reader, list);
			}
			catch (RuntimeException | Error ex) {
				afterFailure(ex, () -> withConnection(connection -> {
					TwoPhaseCommit.rollBack(connection, load);
					return null;
				}));
				throw ex;
			}
			Set<String> prepared = copy.prepared();
			long rows = results.stream().mapToLong(PartitionResult::written).sum();
			boolean decided;
			try {
				decided = withConnection(connection -> TwoPhaseCommit.decideCommit(connection, load, prepared));
			}
			catch (RuntimeException ex) {
				// the decision may or may not have committed: settle by the ledger, as
				// recovery would
				AtomicBoolean committed = new AtomicBoolean();
				afterFailure(ex,
						() -> committed.set(withConnection(connection -> TwoPhaseCommit.settle(connection, load))));
				if (committed.get()) {
					return new BulkOutcome(rows, List.of());
				}
				throw ex;
			}
			if (!decided) {
				withConnection(connection -> {
					TwoPhaseCommit.rollBack(connection, load);
					return null;
				});
				throw new DataAccessResourceFailureException("Bulk insert into " + plan.table
						+ ": its prepared transactions were rolled back by an in-doubt recovery before the commit "
						+ "decision; nothing was written");
			}
			commitPrepared(load, prepared, plan.table);
			return new BulkOutcome(rows, List.of());
		}
		finally {
			TwoPhaseCommit.finished(load);
		}
	}

	/**
	 * After the decision: commits every prepared transaction, retrying once on a fresh
	 * connection.
	 */
	private void commitPrepared(String load, Set<String> prepared, String table) {
		try {
			withConnection(connection -> {
				boolean first = true;
				for (String gid : prepared) {
					TwoPhaseCommit.finish(connection, gid, true);
					Runnable hook = this.afterFirstCommitPrepared;
					if (first && hook != null) {
						hook.run();
					}
					first = false;
				}
				TwoPhaseCommit.forget(connection, load);
				return null;
			});
		}
		catch (RuntimeException ex) {
			try {
				withConnection(connection -> TwoPhaseCommit.settle(connection, load));
			}
			catch (RuntimeException retryFailure) {
				ex.addSuppressed(retryFailure);
				throw new DataAccessResourceFailureException("Bulk insert into " + table
						+ ": the commit was decided (ledger row " + load + ") but not every partition could be "
						+ "committed; the next in-doubt recovery commits the rest", ex);
			}
		}
	}

	/**
	 * Runs cleanup after a failure without losing it: the cleanup's own failure is added
	 * to it, not thrown.
	 */
	private static void afterFailure(Throwable failure, Runnable cleanup) {
		// an interrupt of the caller would close the socket of the cleanup, so it waits
		// until after it
		boolean interrupted = Thread.interrupted();
		try {
			cleanup.run();
		}
		catch (RuntimeException cleanupFailure) {
			failure.addSuppressed(cleanupFailure);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Settles the prepared transactions that two-phase bulk inserts (of any JVM) left in
	 * doubt in this data source's database: commits those whose load recorded the commit
	 * decision and rolls back the others (presumed abort), leaving alone the loads this
	 * JVM is running and those prepared less than {@link BulkSettings#getInDoubtGrace()}
	 * ago. The first two-phase insert of an inserter runs it; call it at startup to
	 * settle earlier. Needs no caller transaction; creates the ledger table if missing.
	 * Does nothing when the server does not allow prepared transactions. Thread-safe.
	 * @return the transactions committed and rolled back
	 * @throws DataAccessException when the database fails
	 */
	public InDoubtResolution recoverInDoubtTransactions() {
		return recoverInDoubtTransactions(this.settings.getInDoubtGrace());
	}

	/**
	 * Like {@link #recoverInDoubtTransactions()} with another grace period.
	 * @param grace loads with a transaction prepared more recently are left alone; zero
	 * settles every load this JVM is not running
	 * @return the transactions committed and rolled back
	 */
	public InDoubtResolution recoverInDoubtTransactions(Duration grace) {
		try {
			return withConnection(connection -> recover(connection, grace));
		}
		catch (SqlFailure ex) {
			throw translate(TwoPhaseCommit.LEDGER.name(), ex);
		}
	}

	/**
	 * Like {@link #recoverInDoubtTransactions()}, but touches nothing, not even to create
	 * the ledger table, unless the server holds prepared transactions of bulk inserts in
	 * this database: what an application runs at startup
	 * ({@code databridge.pg.bulk.recover-on-startup}), so that one that never ran a
	 * two-phase insert is left as it is.
	 * @return the transactions committed and rolled back
	 * @throws DataAccessException when the database fails
	 */
	public InDoubtResolution recoverInDoubtTransactionsIfAny() {
		try {
			return withConnection(
					connection -> maxPreparedTransactions(connection) == 0 || !TwoPhaseCommit.anyPrepared(connection)
							? new InDoubtResolution(List.of(), List.of())
							: recover(connection, this.settings.getInDoubtGrace()));
		}
		catch (SqlFailure ex) {
			throw translate(TwoPhaseCommit.LEDGER.name(), ex);
		}
	}

	/**
	 * Lets codecs that check values against the column (a vector's dimension) read it
	 * once, so a wrong value fails before anything is sent.
	 */
	private void prepareCodecs(EntityStatements<?> statements) {
		List<ValueCodec> pending = new ArrayList<>();
		for (int i = 0; i < statements.columns().size(); i++) {
			if (statements.codec(i).needsPreparation()) {
				pending.add(statements.codec(i));
			}
		}
		if (pending.isEmpty()) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			for (ValueCodec codec : pending) {
				codec.prepare(connection);
			}
		}
		catch (SQLException ex) {
			RuntimeException translated = this.translator.translate(
					"Bulk insert into " + statements.entity().tableName() + ": reading the column types", null, ex);
			throw translated != null ? translated : new IllegalStateException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private InDoubtResolution recover(Connection connection, Duration grace) {
		if (maxPreparedTransactions(connection) == 0) {
			return new InDoubtResolution(List.of(), List.of());
		}
		InDoubtResolution resolution = TwoPhaseCommit.recover(connection, grace);
		if (!resolution.committed().isEmpty() || !resolution.rolledBack().isEmpty()) {
			LOG.log(System.Logger.Level.WARNING,
					"Settled bulk-insert transactions left in doubt: committed {0}, " + "rolled back {1}",
					resolution.committed(), resolution.rolledBack());
		}
		return resolution;
	}

	/** The server's {@code max_prepared_transactions}, read once. */
	private int maxPreparedTransactions() {
		int known = this.maxPreparedTransactions;
		return known >= 0 ? known : withConnection(this::maxPreparedTransactions);
	}

	private int maxPreparedTransactions(Connection connection) {
		int known = this.maxPreparedTransactions;
		if (known >= 0) {
			return known;
		}
		String sql = SqlRenderer.render(new Sql.Show("max_prepared_transactions"));
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			known = Integer.parseInt(rs.getString(1));
		}
		catch (SQLException ex) {
			throw new SqlFailure(sql, -1, ex);
		}
		this.maxPreparedTransactions = known;
		return known;
	}

	/**
	 * For tests: something to run right after the first {@code COMMIT PREPARED} of every
	 * two-phase insert (an {@link Error} thrown there stops the insert like a crash:
	 * nothing more is committed or cleaned up).
	 */
	void afterFirstCommitPrepared(@Nullable Runnable hook) {
		this.afterFirstCommitPrepared = hook;
	}

	/**
	 * Once per inserter: drops staging tables that crashed JVMs left (older than the
	 * configured age).
	 */
	private void dropStaleStagingTables(Connection connection) {
		if (this.staleStagingChecked.compareAndSet(false, true)) {
			try {
				List<Sql.Table> dropped = StagingTables.dropStale(connection, Instant.now(),
						this.settings.getStaleStagingAge());
				if (!dropped.isEmpty()) {
					LOG.log(System.Logger.Level.INFO, "Dropped staging tables left by earlier bulk inserts: {0}",
							dropped);
				}
			}
			catch (SQLException ex) {
				throw new SqlFailure("DROP stale staging tables", -1, ex);
			}
		}
	}

	private <R> R withConnection(Function<Connection, R> work) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new SqlFailure("getConnection", -1, ex);
		}
		try {
			return work.apply(connection);
		}
		finally {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// a broken connection; the pool has evicted it
			}
		}
	}

	private DataAccessException translate(String table, SqlFailure failure) {
		String task = "Bulk insert into " + table
				+ (failure.partition >= 0 ? " (partition " + failure.partition + ")" : "");
		SQLException cause = failure.sqlException();
		DataAccessException translated = this.translator.translate(task, failure.sql, cause);
		DataAccessException result = translated != null ? translated
				: new UncategorizedSQLException(task, failure.sql, cause);
		for (Throwable suppressed : failure.getSuppressed()) {
			result.addSuppressed(suppressed);
		}
		return result;
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

	/**
	 * A single connection's source: the chunks read already, then the reader itself, one
	 * reused chunk at a time.
	 */
	private final class ReaderSource implements ChunkSource {

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

		/** Every chunk this source has handed out. */
		List<Chunk> chunks() {
			return this.chunks;
		}

		@Override
		public void done(Chunk chunk) {
		}

	}

}
