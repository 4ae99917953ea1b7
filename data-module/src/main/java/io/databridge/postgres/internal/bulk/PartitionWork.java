package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

/**
 * What one partition does on its connection, inside a transaction that the caller owns.
 *
 * <ul>
 * <li>{@link #direct}: one COPY into a table (the target, or the shared unlogged staging
 * table of an all-or-nothing parallel insert).</li>
 * <li>{@link #staged}: COPY into a session-local temporary table, then one
 * {@code INSERT ... SELECT} moves the rows into the target with the ON CONFLICT clause
 * and RETURNING of the generated ids (in input order, by the staging table's ordinal),
 * then the temporary table is dropped ({@code ON COMMIT DROP} catches the paths that fail
 * before).</li>
 * </ul>
 * Either runs one COPY for the whole input or, for the caller's transaction
 * ({@link #copyPerChunk()}), one per chunk. SQL failures leave as {@link SqlFailure}s
 * naming the statement. Immutable and thread-safe.
 */
final class PartitionWork {

	private final BulkPlan plan;

	private final BulkProgressListener progress;

	private final boolean staged;

	private final String copySql;

	private final boolean copyPerChunk;

	private PartitionWork(BulkPlan plan, BulkProgressListener progress, boolean staged, String copySql,
			boolean copyPerChunk) {
		this.plan = plan;
		this.progress = progress;
		this.staged = staged;
		this.copySql = copySql;
		this.copyPerChunk = copyPerChunk;
	}

	/** COPY into the given table (the plan's target or a staging table). */
	static PartitionWork direct(BulkPlan plan, BulkProgressListener progress, String copySql) {
		return new PartitionWork(plan, progress, false, copySql, false);
	}

	/** COPY into a temporary table, then INSERT ... SELECT into the target. */
	static PartitionWork staged(BulkPlan plan, BulkProgressListener progress) {
		return new PartitionWork(plan, progress, true, "", false);
	}

	/**
	 * A copy that runs one complete COPY per chunk instead of one for the whole input, so
	 * the connection is free while the next chunk is read: for the caller's transaction,
	 * whose input may read from the same connection (a cursor), which pgjdbc would
	 * otherwise block for as long as the COPY is open.
	 */
	PartitionWork copyPerChunk() {
		return new PartitionWork(this.plan, this.progress, this.staged, this.copySql, true);
	}

	PartitionResult run(Connection connection, ChunkSource source, int partition) {
		if (!this.staged) {
			long copied = copy(connection, this.copySql, source, partition);
			return new PartitionResult(copied, copied, List.of());
		}
		Sql.Table stage = this.plan.stagingTable(true);
		execute(connection, this.plan.createStaging(stage, true), partition);
		long copied = copy(connection, this.plan.copyIntoStaging(stage), source, partition);
		PartitionResult result = moveRows(connection, this.plan, this.plan.insertFromStaging(stage), copied, partition);
		execute(connection, this.plan.dropStaging(stage), partition);
		return result;
	}

	/**
	 * Runs the work in a transaction of its own, committed at the end. A lone COPY on a
	 * connection in autocommit mode is such a transaction already (the server commits the
	 * statement or rolls all of it back), so it runs without the BEGIN and COMMIT round
	 * trips; anything else runs {@link #inTransaction}.
	 */
	PartitionResult runCommitted(Connection connection, ChunkSource source, int partition) {
		if (!this.staged && !this.copyPerChunk && isAutoCommit(connection)) {
			try {
				return run(connection, source, partition);
			}
			catch (RuntimeException | Error ex) {
				probe(connection, ex);
				throw ex;
			}
		}
		return inTransaction(connection, partition, () -> run(connection, source, partition));
	}

	/**
	 * After a failed COPY: one statement through the pool's proxy. pgjdbc's COPY API is
	 * reached by unwrapping, so a pool never sees the COPY's I/O error; if the backend is
	 * gone this statement fails the same way, through the proxy, and the pool discards
	 * the connection instead of lending it out again.
	 */
	private static void probe(Connection connection, Throwable failure) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
		catch (SQLException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static boolean isAutoCommit(Connection connection) {
		try {
			return connection.getAutoCommit();
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private long copy(Connection connection, String sql, ChunkSource source, int partition) {
		try {
			if (!this.copyPerChunk) {
				return CopyStream.copy(connection, sql, source, this.progress, this.plan.table, partition,
						this.plan.bytesSent);
			}
			long copied = 0;
			Chunk chunk;
			while ((chunk = source.next()) != null) {
				copied += CopyStream.copy(connection, sql, new OneChunk(chunk, source), this.progress, this.plan.table,
						partition, this.plan.bytesSent);
			}
			return copied;
		}
		catch (SQLException ex) {
			throw new SqlFailure(sql, partition, ex);
		}
	}

	/**
	 * One chunk taken from a source already, then the end; the chunk goes back to that
	 * source when sent.
	 */
	private static final class OneChunk implements ChunkSource {

		private @Nullable Chunk chunk;

		private final ChunkSource owner;

		OneChunk(Chunk chunk, ChunkSource owner) {
			this.chunk = chunk;
			this.owner = owner;
		}

		@Override
		public @Nullable Chunk next() {
			Chunk next = this.chunk;
			this.chunk = null;
			return next;
		}

		@Override
		public void done(Chunk sent) {
			this.owner.done(sent);
		}

	}

	/**
	 * Runs the INSERT ... SELECT of a staged insert, reading the ids it returns when the
	 * plan asks for them.
	 */
	static PartitionResult moveRows(Connection connection, BulkPlan plan, String sql, long copied, int partition) {
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			if (!plan.returnIds) {
				return new PartitionResult(copied, ps.executeLargeUpdate(), List.of());
			}
			List<Object> ids = new ArrayList<>();
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					ids.add(plan.statements().idCodec().read(rs, 1));
				}
			}
			return new PartitionResult(copied, ids.size(), ids);
		}
		catch (SQLException ex) {
			throw new SqlFailure(sql, partition, ex);
		}
	}

	static void execute(Connection connection, String sql, int partition) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new SqlFailure(sql, partition, ex);
		}
	}

	/**
	 * Runs work in a transaction of its own on a connection that is not part of the
	 * caller's transaction: autocommit off, commit when the work returns, roll back when
	 * it throws, autocommit restored either way.
	 */
	static <R> R inTransaction(Connection connection, int partition, Supplier<R> work) {
		return inTransaction(connection, partition, null, work);
	}

	/**
	 * Like {@link #inTransaction(Connection, int, Supplier)}, but when a global
	 * transaction id is given the transaction ends with {@code PREPARE TRANSACTION}
	 * instead of a commit: it stays prepared, detached from the session, until someone
	 * commits or rolls it back by that id ({@link TwoPhaseCommit}).
	 */
	static <R> R inTransaction(Connection connection, int partition, @Nullable String gid, Supplier<R> work) {
		boolean autoCommit;
		try {
			autoCommit = connection.getAutoCommit();
			if (autoCommit) {
				connection.setAutoCommit(false);
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure("BEGIN", partition, ex);
		}
		boolean committed = false;
		try {
			R result = work.get();
			if (gid != null) {
				execute(connection,
						SqlRenderer.render(new Sql.PreparedTransaction(Sql.PreparedTransaction.Action.PREPARE, gid)),
						partition);
			}
			try {
				// after PREPARE TRANSACTION the session is outside any transaction: this
				// commit sends nothing
				connection.commit();
			}
			catch (SQLException ex) {
				throw new SqlFailure("COMMIT", partition, ex);
			}
			committed = true;
			return result;
		}
		catch (RuntimeException | Error ex) {
			try {
				connection.rollback();
			}
			catch (SQLException | RuntimeException rollbackFailure) {
				ex.addSuppressed(rollbackFailure);
			}
			throw ex;
		}
		finally {
			if (autoCommit && (committed || isOpen(connection))) {
				try {
					connection.setAutoCommit(true);
				}
				catch (SQLException ignored) {
					// the connection is broken; the pool discards it
				}
			}
		}
	}

	private static boolean isOpen(Connection connection) {
		try {
			return !connection.isClosed();
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
