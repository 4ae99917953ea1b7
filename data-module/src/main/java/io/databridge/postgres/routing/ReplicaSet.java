package io.databridge.postgres.routing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import io.databridge.postgres.routing.ReplicaState.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The replicas, each with the state its last probe found, and the probe itself.
 * <p>
 * Every replica is probed on its own scheduler thread every {@code check-interval} over
 * one unpooled connection it keeps: {@code pg_is_in_recovery()} and the replay lag (0
 * when all received WAL is replayed, else the age of the last replayed transaction, so an
 * idle primary does not make a standby look late). A probe is bounded by the replica's
 * probe DataSource timeouts plus a query timeout of {@code timeout}. States are immutable
 * records in volatile fields, so readers choose a replica without locks: round robin over
 * the replicas in rotation, starting one further each call. A read that cannot take a
 * connection from a replica's pool marks it down at once; the next probe that answers
 * puts it back.
 */
final class ReplicaSet implements AutoCloseable {

	static final Log LOG = LogFactory.getLog("io.databridge.routing");

	private final List<Member> members;

	private final ReplicaSettings settings;

	private final String probeSql = SqlRenderer.render(new Sql.ReplicaStatus());

	private final AtomicInteger next = new AtomicInteger();

	private @Nullable ScheduledExecutorService scheduler;

	/** Creates the set; nothing is probed before {@link #start()}. */
	ReplicaSet(List<Replica> replicas, ReplicaSettings settings) {
		this.members = replicas.stream().map(Member::new).toList();
		this.settings = settings;
	}

	/**
	 * Probes every replica once, logs a warning naming each one that is not usable, then
	 * probes each every {@code check-interval} in the background.
	 */
	synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		checkNow();
		for (Member member : this.members) {
			if (!member.state.inRotation()) {
				LOG.warn("Read replica " + member.replica.url() + " is not usable at start-up (" + member.state.status()
						+ ": " + member.state.detail() + "); reads "
						+ (this.settings.fallback() == ReplicaFallback.FAIL
								? "fail while no replica is usable (databridge.pg.replicas.fallback=fail)"
								: "go to the other replicas or the primary until it is"));
			}
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Math.max(1, this.members.size()),
				Thread.ofPlatform().daemon().name("databridge-replica-probe-", 0).factory());
		executor.setRemoveOnCancelPolicy(true);
		long interval = this.settings.checkInterval().toMillis();
		for (Member member : this.members) {
			executor.scheduleWithFixedDelay(() -> probe(member), interval, interval, TimeUnit.MILLISECONDS);
		}
		this.scheduler = executor;
	}

	/** Probes every replica now, on the calling thread. */
	void checkNow() {
		this.members.forEach(this::probe);
	}

	/** Returns the next replica in rotation, or {@code null} when none is. */
	@Nullable Replica choose() {
		int size = this.members.size();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		for (int i = 0; i < size; i++) {
			Member member = this.members.get((start + i) % size);
			if (member.state.inRotation()) {
				return member.replica;
			}
		}
		return null;
	}

	/**
	 * Takes a replica out of rotation after a read could not get a connection from it.
	 */
	void markDown(Replica replica, SQLException failure) {
		for (Member member : this.members) {
			if (member.replica == replica) {
				update(member, state(member, Status.DOWN, null, "connection failed: " + failure.getMessage()));
			}
		}
	}

	/** The current state of every replica, in configuration order. */
	List<ReplicaState> states() {
		return this.members.stream().map(member -> member.state).toList();
	}

	/** One line naming each replica and its status, for error messages. */
	String describe() {
		List<String> parts = new ArrayList<>();
		for (Member member : this.members) {
			parts.add(member.replica.url() + " " + member.state.status() + " (" + member.state.detail() + ")");
		}
		return String.join("; ", parts);
	}

	/** Stops the probes and closes their connections. */
	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			try {
				this.scheduler.awaitTermination(this.settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.scheduler = null;
		}
		this.members.forEach(Member::closeProbeConnection);
	}

	private void probe(Member member) {
		// one probe per member at a time: start() and the scheduler may overlap at
		// start-up
		synchronized (member) {
			update(member, measure(member));
		}
	}

	private ReplicaState measure(Member member) {
		try {
			Connection connection = member.probeConnection();
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(timeoutSeconds());
				try (ResultSet rs = statement.executeQuery(this.probeSql)) {
					rs.next();
					if (!rs.getBoolean(1)) {
						return state(member, Status.NOT_A_REPLICA, null,
								"pg_is_in_recovery() is false: this server is a primary, not a standby");
					}
					Duration lag = Duration.ofMillis(Math.max(0, rs.getLong(2)));
					if (lag.compareTo(this.settings.maxLag()) > 0) {
						return state(member, Status.LAGGING, lag, "replay lag " + lag.toMillis()
								+ " ms exceeds max-lag " + this.settings.maxLag().toMillis() + " ms");
					}
					return state(member, Status.UP, lag, "replay lag " + lag.toMillis() + " ms");
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			member.closeProbeConnection();
			return state(member, Status.DOWN, null, "probe failed: " + ex.getMessage());
		}
	}

	private int timeoutSeconds() {
		return (int) Math.max(1, (this.settings.timeout().toMillis() + 999) / 1000);
	}

	private static ReplicaState state(Member member, Status status, @Nullable Duration lag, String detail) {
		return new ReplicaState(member.replica.url(), status, lag, detail, Instant.now());
	}

	private static void update(Member member, ReplicaState state) {
		ReplicaState previous = member.state;
		member.state = state;
		if (previous.status() == Status.UNKNOWN || previous.status() == state.status()) {
			return;
		}
		if (state.inRotation()) {
			LOG.info("Read replica " + state.url() + " is back in rotation (" + state.detail() + ")");
		}
		else {
			LOG.warn("Read replica " + state.url() + " left the rotation: " + state.status() + " (" + state.detail()
					+ ")");
		}
	}

	private static final class Member {

		final Replica replica;

		volatile ReplicaState state;

		private @Nullable Connection connection;

		Member(Replica replica) {
			this.replica = replica;
			this.state = new ReplicaState(replica.url(), Status.UNKNOWN, null, "not probed yet", null);
		}

		Connection probeConnection() throws SQLException {
			Connection current = this.connection;
			if (current == null || current.isClosed()) {
				current = this.replica.probe().getConnection();
				current.setAutoCommit(true);
				this.connection = current;
			}
			return current;
		}

		void closeProbeConnection() {
			Connection current = this.connection;
			this.connection = null;
			if (current != null) {
				try {
					current.close();
				}
				catch (SQLException ex) {
					LOG.debug("Closing the probe connection of " + this.replica.url() + " failed", ex);
				}
			}
		}

	}

}
