package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

/**
 * A parallel insert that is one transaction for readers through a staging table, in three
 * steps: create an UNLOGGED staging table ({@link StagingTables} names it, in the
 * target's schema; the first such insert of an inserter drops those older than the
 * configured age, left by a crashed JVM); every partition COPYs into it and commits;
 * then, only if every partition succeeded, one transaction moves all rows into the table
 * with {@code INSERT ... SELECT} (with the ON CONFLICT clause and RETURNING), and the
 * staging table is dropped whatever happened. The staging table has no constraints, so
 * partitions never wait for each other; a duplicate inside the load fails the one
 * {@code INSERT ... SELECT} at once. The price is a second write of every row.
 * Thread-safe; one instance serves all staged inserts of an inserter.
 */
final class StagedLoad {

	private static final System.Logger LOG = System.getLogger(StagedLoad.class.getName());

	private final BulkConnections connections;

	private final ParallelCopies copies;

	private final BulkProgressListener progress;

	private final Duration staleAge;

	private final AtomicBoolean staleChecked = new AtomicBoolean();

	StagedLoad(BulkConnections connections, ParallelCopies copies, BulkProgressListener progress, Duration staleAge) {
		this.connections = connections;
		this.copies = copies;
		this.progress = progress;
		this.staleAge = staleAge;
	}

	<T> BulkOutcome run(BulkPlan plan, int parallelism, List<Chunk> prefetched, ChunkReader<T> reader,
			@Nullable List<? extends T> list) {
		Sql.Table stage = plan.stagingTable(false);
		String drop = plan.dropStaging(stage);
		this.connections.withConnection(connection -> {
			dropStaleStagingTables(connection);
			PartitionWork.execute(connection, plan.createStaging(stage, false), -1);
			return null;
		});
		Throwable failure = null;
		try {
			PartitionWork work = PartitionWork.direct(plan, this.progress, plan.copyIntoStaging(stage));
			long phase = System.nanoTime();
			List<PartitionResult> results = this.copies.create(parallelism, work, plan.table)
				.run(prefetched, reader, list);
			plan.phaseEnded("copy", phase);
			long copied = results.stream().mapToLong(PartitionResult::copied).sum();
			long move = System.nanoTime();
			PartitionResult moved = this.connections
				.withConnection(connection -> PartitionWork.inTransaction(connection, -1,
						() -> PartitionWork.moveRows(connection, plan, plan.insertFromStaging(stage), copied, -1)));
			plan.phaseEnded("move", move);
			return new BulkOutcome(moved.written(), moved.ids());
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			dropStaging(drop, failure);
		}
	}

	/**
	 * Drops the staging table; its failure is added to the load's failure, if any, else
	 * thrown. An interrupt of the caller would close the socket of the drop, so it is
	 * held back until after it.
	 */
	private void dropStaging(String drop, @Nullable Throwable failure) {
		boolean interrupted = Thread.interrupted();
		try {
			this.connections.withConnection(connection -> {
				PartitionWork.execute(connection, drop, -1);
				return null;
			});
		}
		catch (RuntimeException dropFailure) {
			if (failure == null) {
				throw dropFailure;
			}
			failure.addSuppressed(dropFailure);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Once per inserter: drops staging tables that crashed JVMs left (older than the
	 * configured age).
	 */
	private void dropStaleStagingTables(Connection connection) {
		if (this.staleChecked.compareAndSet(false, true)) {
			try {
				List<Sql.Table> dropped = StagingTables.dropStale(connection, Instant.now(), this.staleAge);
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

}
