package io.databridge.postgres.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.Assert;

/**
 * A DataSource that sends read-only work to read replicas and everything else to the
 * primary (see the {@linkplain io.databridge.postgres.routing package documentation} for
 * the rules). It hands out lazy connection handles (Spring's
 * {@link LazyConnectionDataSourceProxy}): the real connection is taken at the first
 * statement, when a transaction's read-only flag is known, so Boot's transaction manager
 * and {@code JdbcTemplate} work on it unchanged.
 * <p>
 * Replicas are probed every {@code check-interval} once {@link #start()} ran; a replica
 * that is unreachable, lagging more than {@code max-lag} or not a standby is out of
 * rotation until a probe finds it usable again. {@link #replicaStates()} reports what the
 * probes found, for health indicators.
 * <p>
 * It owns the DataSources it routes to: {@link #close()} stops the probes and closes the
 * replica pools and the primary when they are {@link AutoCloseable}. Thread-safe.
 */
public class ReadRoutingDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

	private final DataSource primary;

	private final List<Replica> replicas;

	private final ReplicaSet replicaSet;

	private final Router router;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Creates a routing DataSource. Call {@link #start()} before use to probe the
	 * replicas.
	 * @param primary the primary's DataSource (normally Boot's HikariCP pool)
	 * @param replicas at least one replica
	 * @param settings lag limit, fallback and probe timing
	 * @throws IllegalArgumentException when no replica is given
	 */
	public ReadRoutingDataSource(DataSource primary, List<Replica> replicas, ReplicaSettings settings) {
		Assert.notNull(primary, "primary must not be null");
		Assert.notEmpty(replicas, "databridge.pg.replicas.urls must name at least one replica");
		Assert.notNull(settings, "settings must not be null");
		this.primary = primary;
		this.replicas = List.copyOf(replicas);
		this.replicaSet = new ReplicaSet(this.replicas, settings);
		this.router = new Router(primary, this.replicaSet, settings.fallback());
		setTargetDataSource(this.router.primarySide());
		setReadOnlyDataSource(this.router.replicaSide());
	}

	/**
	 * Probes every replica once (logging a warning that names each unusable one:
	 * unreachable, lagging, or a primary), then keeps probing in the background.
	 * Idempotent.
	 */
	public void start() {
		this.replicaSet.start();
	}

	/** Probes every replica now, on the calling thread, and updates their states. */
	public void checkReplicasNow() {
		this.replicaSet.checkNow();
	}

	/**
	 * What the last probe (or failed connection attempt) found on each replica, in
	 * configuration order.
	 */
	public List<ReplicaState> replicaStates() {
		return this.replicaSet.states();
	}

	/** The primary's DataSource. */
	public DataSource getPrimary() {
		return this.primary;
	}

	/** The replicas, in configuration order. */
	public List<Replica> getReplicas() {
		return this.replicas;
	}

	/**
	 * Reports that a read on a connection this thread took failed because the connection
	 * was lost (SQLSTATE class 08 or 57P, e.g. the replica shut down): takes that replica
	 * out of rotation at once, until a probe finds it usable again. Does nothing when the
	 * connection came from the primary. Repositories call it before retrying such a read
	 * once outside a transaction.
	 * @param failure the error of the lost connection
	 */
	public void replicaConnectionLost(SQLException failure) {
		this.router.lastReplicaFailed(failure);
	}

	/** Sets the listener told of every routing decision, or {@code null} for none. */
	public void setRoutingListener(@Nullable RoutingListener listener) {
		this.router.setListener(listener);
	}

	/** Learns the default auto-commit and isolation from the primary, never a replica. */
	@Override
	public void checkDefaultConnectionProperties() {
		if (defaultAutoCommit() != null && defaultTransactionIsolation() != null) {
			return;
		}
		try (Connection connection = this.primary.getConnection()) {
			checkDefaultConnectionProperties(connection);
		}
		catch (SQLException ex) {
			// as Spring's proxy does: the defaults are learned on a later call
		}
	}

	/** Stops the probes and closes the replica pools and the primary; idempotent. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.replicaSet.close();
		List<Object> owned = new ArrayList<>();
		for (Replica replica : this.replicas) {
			owned.add(replica.pool());
			owned.add(replica.probe());
		}
		owned.add(this.primary);
		RuntimeException failure = null;
		for (Object dataSource : owned) {
			if (dataSource instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					failure = (failure != null) ? failure
							: new IllegalStateException("Closing " + dataSource + " failed", ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
