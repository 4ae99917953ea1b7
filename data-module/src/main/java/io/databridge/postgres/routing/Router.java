package io.databridge.postgres.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import io.databridge.postgres.internal.routing.RouteIntent;
import io.databridge.postgres.internal.routing.RouteTrace;
import org.apache.commons.logging.Log;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Picks the target of a connection at the moment it is really taken (the routing
 * DataSource hands out lazy handles, so for a transaction that is its first statement,
 * when Spring has already marked the handle read-only or not):
 * <ol>
 * <li>{@link RouteIntent#PRIMARY} on the thread: the primary;</li>
 * <li>a handle marked read-only (a read-only transaction): a replica;</li>
 * <li>{@link RouteIntent#READ} with no transaction active: a replica;</li>
 * <li>anything else (read-write transactions, writes, other users of the DataSource): the
 * primary.</li>
 * </ol>
 * A replica that fails to give a connection is marked down and the next one is tried;
 * with none left the read falls back to the primary or fails, as configured.
 */
final class Router {

	private static final Log LOG = ReplicaSet.LOG;

	private static final RoutingListener NO_LISTENER = decision -> {
	};

	private final DataSource primary;

	private final ReplicaSet replicas;

	private final ReplicaFallback fallback;

	private volatile RoutingListener listener = NO_LISTENER;

	/**
	 * The replica of the last connection this thread took, for
	 * {@link #lastReplicaFailed}.
	 */
	private final ThreadLocal<Replica> lastReplica = new ThreadLocal<>();

	/** Creates a router over the primary and the replicas. */
	Router(DataSource primary, ReplicaSet replicas, ReplicaFallback fallback) {
		this.primary = primary;
		this.replicas = replicas;
		this.fallback = fallback;
	}

	/** Sets the listener told of each decision ({@code null} for none). */
	void setListener(RoutingListener listener) {
		this.listener = (listener != null) ? listener : NO_LISTENER;
	}

	/** The DataSource for handles that are not read-only. */
	DataSource primarySide() {
		return new Side(false);
	}

	/** The DataSource for handles marked read-only. */
	DataSource replicaSide() {
		return new Side(true);
	}

	Connection connection(boolean readOnlyHandle) throws SQLException {
		RouteIntent intent = RouteIntent.current();
		if (intent == RouteIntent.PRIMARY) {
			return primary("primary forced (@PrimaryRead or ReadRouting.onPrimary)");
		}
		if (readOnlyHandle) {
			return replica("read-only transaction");
		}
		if (intent == RouteIntent.READ) {
			if (!TransactionSynchronizationManager.isActualTransactionActive()) {
				return replica("read outside a transaction");
			}
			return primary("read in a read-write transaction");
		}
		return primary("not a read");
	}

	/**
	 * Takes the replica of the last connection this thread took out of rotation (a probe
	 * puts it back once it answers); does nothing when that connection came from the
	 * primary.
	 */
	void lastReplicaFailed(SQLException failure) {
		Replica replica = this.lastReplica.get();
		this.lastReplica.remove();
		if (replica != null) {
			this.replicas.markDown(replica, failure);
		}
	}

	private Connection replica(String reason) throws SQLException {
		Replica replica = this.replicas.choose();
		while (replica != null) {
			try {
				Connection connection = replica.pool().getConnection();
				this.lastReplica.set(replica);
				decided(new RoutingDecision(replica.url(), true, reason));
				return connection;
			}
			catch (SQLException ex) {
				this.replicas.markDown(replica, ex);
				replica = this.replicas.choose();
			}
		}
		if (this.fallback == ReplicaFallback.FAIL) {
			throw new SQLTransientConnectionException("No read replica is usable for a " + reason
					+ " and databridge.pg.replicas.fallback is FAIL: " + this.replicas.describe(), "08001");
		}
		return primary("fallback for a " + reason + ": no usable replica");
	}

	private Connection primary(String reason) throws SQLException {
		Connection connection = this.primary.getConnection();
		this.lastReplica.remove();
		decided(new RoutingDecision(RoutingDecision.PRIMARY, false, reason));
		return connection;
	}

	private void decided(RoutingDecision decision) {
		if (LOG.isDebugEnabled()) {
			LOG.debug(decision.reason() + " -> " + decision.target());
		}
		RouteTrace.routed(decision.replica());
		this.listener.routed(decision);
	}

	/** One side of the lazy proxy; unwraps to the primary like the proxy itself. */
	private final class Side extends DelegatingDataSource {

		private final boolean readOnly;

		Side(boolean readOnly) {
			super(Router.this.primary);
			this.readOnly = readOnly;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connection(this.readOnly);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLException("The read-routing DataSource takes credentials from its pools' configuration; "
					+ "getConnection(username, password) is not supported");
		}

	}

}
