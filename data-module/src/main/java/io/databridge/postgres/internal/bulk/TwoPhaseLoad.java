package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.databridge.postgres.bulk.BulkProgressListener;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The coordinator of a crash-consistent load ({@link TwoPhaseCommit} describes the
 * protocol). In order:
 * <ol>
 * <li>It borrows one connection for the whole load, runs in-doubt recovery on it
 * ({@link InDoubtRecovery}) and takes the load's lease ({@link LoadLease}), which it
 * holds until the load has ended, so recovery of any JVM leaves this load alone while it
 * lives and settles it as soon as it dies.</li>
 * <li>The partitions COPY and prepare ({@link ParallelCopy#preparing}), watched for a
 * partition blocked by its own load ({@link BlockedPartitionWatch}); when any fails, the
 * transactions already prepared are rolled back.</li>
 * <li>It records the commit decision and commits every prepared transaction. When that
 * fails, the ledger settles what happened: the load is complete once recovery has
 * run.</li>
 * </ol>
 * A load that ends with transactions possibly left prepared starts the periodic recovery.
 * The partitions borrow their connections while the coordinator holds its own, so a
 * crash-consistent load needs one connection more than its parallelism to run at full
 * width; a partition that gets none hands its work to the others, and the load fails only
 * when none gets one (after the pool's connection timeout). Thread-safe; one instance
 * serves all crash-consistent loads of an inserter.
 */
final class TwoPhaseLoad {

	private static final int LEASE_ATTEMPTS = 3;

	private final BulkConnections connections;

	private final ParallelCopies copies;

	private final InDoubtRecovery recovery;

	private final BulkProgressListener progress;

	private volatile @Nullable Runnable afterPrepared;

	private volatile @Nullable Runnable afterFirstCommitPrepared;

	TwoPhaseLoad(BulkConnections connections, ParallelCopies copies, InDoubtRecovery recovery,
			BulkProgressListener progress) {
		this.connections = connections;
		this.copies = copies;
		this.recovery = recovery;
		this.progress = progress;
	}

	<T> BulkOutcome run(BulkPlan plan, int parallelism, List<Chunk> prefetched, ChunkReader<T> reader,
			@Nullable List<? extends T> list) {
		Connection lease = this.connections.borrow();
		String load = null;
		AtomicBoolean inDoubt = new AtomicBoolean();
		try {
			this.recovery.recover(lease);
			this.recovery.ensureLedger(lease);
			load = lease(lease);
			return coordinate(lease, load, inDoubt, plan, parallelism, prefetched, reader, list);
		}
		finally {
			if (load != null) {
				release(lease, load);
			}
			BulkConnections.close(lease);
			if (inDoubt.get()) {
				this.recovery.scheduleWhileNeeded();
			}
		}
	}

	/** A fresh load id whose lease this session now holds. */
	private static String lease(Connection connection) {
		for (int attempt = 0; attempt < LEASE_ATTEMPTS; attempt++) {
			String load = TwoPhaseCommit.start();
			if (LoadLease.tryAcquire(connection, load)) {
				return load;
			}
			TwoPhaseCommit.finished(load);
		}
		throw new DataAccessResourceFailureException("Bulk insert: no free lease key in " + LEASE_ATTEMPTS
				+ " attempts (advisory locks of namespace " + LoadLease.NAMESPACE + " are taken)");
	}

	private static void release(Connection connection, String load) {
		boolean interrupted = Thread.interrupted();
		try {
			LoadLease.release(connection, load);
		}
		catch (RuntimeException ex) {
			// the session is broken, and the server dropped the lease with it
		}
		finally {
			TwoPhaseCommit.finished(load);
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Runs the load once its lease is held.
	 * @param inDoubt set when the load ends with transactions possibly left prepared
	 */
	private <T> BulkOutcome coordinate(Connection lease, String load, AtomicBoolean inDoubt, BulkPlan plan,
			int parallelism, List<Chunk> prefetched, ChunkReader<T> reader, @Nullable List<? extends T> list) {
		ParallelCopy copy = this.copies
			.create(parallelism, PartitionWork.direct(plan, this.progress, plan.copyIntoTable), plan.table)
			.preparing(partition -> TwoPhaseCommit.gid(load, partition));
		List<PartitionResult> results;
		long phase = System.nanoTime();
		try (BlockedPartitionWatch watch = BlockedPartitionWatch.start(lease, load, copy)) {
			results = copy.run(prefetched, reader, list);
			plan.phaseEnded("copy-and-prepare", phase);
		}
		catch (RuntimeException | Error ex) {
			inDoubt.set(true);
			BulkConnections.afterFailure(ex, () -> {
				TwoPhaseCommit.rollBack(lease, load);
				inDoubt.set(false);
			});
			throw ex;
		}
		Set<String> prepared = copy.prepared();
		long rows = results.stream().mapToLong(PartitionResult::written).sum();
		// from here until the last commit, a failure may leave transactions prepared
		inDoubt.set(true);
		run(this.afterPrepared);
		boolean decided;
		phase = System.nanoTime();
		try {
			decided = TwoPhaseCommit.decideCommit(lease, load, prepared);
			plan.phaseEnded("decide", phase);
		}
		catch (RuntimeException ex) {
			// the decision may or may not have committed: settle by the ledger, as
			// recovery would
			AtomicBoolean committed = new AtomicBoolean();
			BulkConnections.afterFailure(ex, () -> committed
				.set(this.connections.withConnection(connection -> TwoPhaseCommit.settle(connection, load))));
			if (committed.get()) {
				inDoubt.set(false);
				return new BulkOutcome(rows, List.of());
			}
			throw ex;
		}
		if (!decided) {
			TwoPhaseCommit.rollBack(lease, load);
			inDoubt.set(false);
			throw new DataAccessResourceFailureException("Bulk insert into " + plan.table
					+ ": its prepared transactions were rolled back by an in-doubt recovery before the commit "
					+ "decision; nothing was written");
		}
		phase = System.nanoTime();
		commitPrepared(lease, load, prepared, plan.table);
		plan.phaseEnded("commit", phase);
		inDoubt.set(false);
		return new BulkOutcome(rows, List.of());
	}

	/**
	 * After the decision: commits every prepared transaction, retrying once on a fresh
	 * connection.
	 */
	private void commitPrepared(Connection lease, String load, Set<String> prepared, String table) {
		try {
			boolean first = true;
			for (String gid : prepared) {
				TwoPhaseCommit.finish(lease, gid, true);
				if (first) {
					run(this.afterFirstCommitPrepared);
				}
				first = false;
			}
			TwoPhaseCommit.forget(lease, load);
		}
		catch (RuntimeException ex) {
			try {
				this.connections.withConnection(connection -> TwoPhaseCommit.settle(connection, load));
			}
			catch (RuntimeException retryFailure) {
				ex.addSuppressed(retryFailure);
				throw new DataAccessResourceFailureException("Bulk insert into " + table
						+ ": the commit was decided (ledger row " + load + ") but not every partition could be "
						+ "committed; in-doubt recovery commits the rest", ex);
			}
		}
	}

	private static void run(@Nullable Runnable hook) {
		if (hook != null) {
			hook.run();
		}
	}

	/**
	 * For tests: something to run once every partition has prepared, before the commit
	 * decision (blocking there holds the load between PREPARE and COMMIT).
	 */
	void afterPrepared(@Nullable Runnable hook) {
		this.afterPrepared = hook;
	}

	/**
	 * For tests: something to run right after the first {@code COMMIT PREPARED} (an
	 * {@link Error} thrown there stops the load like a crash: nothing more is committed;
	 * the lease is released as a dead JVM's would be).
	 */
	void afterFirstCommitPrepared(@Nullable Runnable hook) {
		this.afterFirstCommitPrepared = hook;
	}

}
