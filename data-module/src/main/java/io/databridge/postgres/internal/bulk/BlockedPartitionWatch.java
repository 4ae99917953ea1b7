package io.databridge.postgres.internal.bulk;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.SqlRenderer;

/**
 * Keeps a crash-consistent load from waiting forever on itself. When two rows of one load
 * share a unique key and land in different partitions, the second partition's COPY waits
 * for the first's transaction; once that one is prepared it is resolved only after every
 * partition has finished, so the second would wait forever, and PostgreSQL's deadlock
 * detector cannot see the cycle through the coordinator.
 *
 * <p>
 * The watch runs on a virtual thread beside the partitions, on the coordinator's lease
 * connection (so it needs no connection of the pool), and every {@link #INTERVAL} asks
 * the server, once a partition has prepared, whether any partition's backend waits for a
 * lock held by a prepared transaction of this load ({@code pg_locks} joined to
 * {@code pg_prepared_xacts} by transaction id). Such a partition is marked
 * ({@link ParallelCopy#blocked}) and its statement cancelled ({@code pg_cancel_backend});
 * its failure becomes a {@code DuplicateKeyException} ({@link DuplicateInLoad}) and the
 * load rolls back. A wait on anyone else's lock (an application's transaction, another
 * load) is left alone: it ends when they end. So the detection takes at most one interval
 * after the sibling prepared, plus one query. When the watch itself fails (its connection
 * broke), it fails the load rather than leave it unwatched. {@link #close} stops it and
 * waits for its current query.
 */
final class BlockedPartitionWatch implements AutoCloseable {

	/** How often the watch asks the server. */
	static final Duration INTERVAL = Duration.ofMillis(100);

	private static final String BLOCKED = SqlRenderer.render(Sql.Select
		.of(List.of(new Column("pid")), new Sql.Table("pg_catalog", "pg_locks"))
		.where(new Sql.And(List.of(new Sql.Not(new Sql.Predicate(new Column("granted"))),
				new Sql.AnyOf(new Column("pid"), new Sql.BindMarker("pids"), false),
				new Sql.Exists(Sql.Select
					.of(List.of(new Column("gid")), new Sql.Table("pg_catalog", "pg_prepared_xacts"))
					.where(new Sql.And(List.of(
							new Sql.Comparison(new Column("transaction"), Sql.Operator.EQ, new Column("transactionid")),
							new Sql.Comparison(new Column("gid"), Sql.Operator.LIKE, new Sql.BindMarker("load"))))))))))
		.sql();

	private static final String CANCEL = SqlRenderer.render(new Sql.SelectValues(
			List.of(new Sql.FunctionCall("pg_cancel_backend", List.of(new Sql.BindMarker("pid"))))));

	private final Connection connection;

	private final String load;

	private final ParallelCopy copy;

	private final CountDownLatch stop = new CountDownLatch(1);

	private final Thread thread;

	private BlockedPartitionWatch(Connection connection, String load, ParallelCopy copy) {
		this.connection = connection;
		this.load = load;
		this.copy = copy;
		this.thread = Thread.ofVirtual().name("databridge-bulk-watch-" + load).start(this::watch);
	}

	/** Starts watching the partitions of a load. */
	static BlockedPartitionWatch start(Connection connection, String load, ParallelCopy copy) {
		return new BlockedPartitionWatch(connection, load, copy);
	}

	private void watch() {
		try {
			while (!this.stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
				if (!this.copy.prepared().isEmpty()) {
					check();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.copy.fail(ex);
		}
	}

	private void check() {
		Map<Integer, Integer> backends = this.copy.backends();
		if (backends.isEmpty()) {
			return;
		}
		List<Integer> blocked = new ArrayList<>();
		try (PreparedStatement ps = this.connection.prepareStatement(BLOCKED)) {
			Array pids = this.connection.createArrayOf("int4", backends.values().toArray());
			ps.setArray(1, pids);
			ps.setString(2, TwoPhaseCommit.PREFIX.replace("_", "\\_") + this.load + "\\_%");
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					blocked.add(rs.getInt(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure(BLOCKED, -1, ex);
		}
		for (Map.Entry<Integer, Integer> backend : backends.entrySet()) {
			if (blocked.contains(backend.getValue())) {
				this.copy.blocked(backend.getKey());
				cancel(backend.getValue());
			}
		}
	}

	private void cancel(int pid) {
		try (PreparedStatement ps = this.connection.prepareStatement(CANCEL)) {
			ps.setInt(1, pid);
			ps.executeQuery().close();
		}
		catch (SQLException ex) {
			throw new SqlFailure(CANCEL, -1, ex);
		}
	}

	/** Stops the watch and waits until its thread has ended. */
	@Override
	public void close() {
		this.stop.countDown();
		boolean interrupted = false;
		while (true) {
			try {
				this.thread.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
