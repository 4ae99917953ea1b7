package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;

/**
 * The liveness lease of a crash-consistent load's coordinator: a session-level advisory
 * lock, keyed by {@value #NAMESPACE} and the low 32 bits of the load id, that the
 * coordinator takes before any partition starts and holds on one connection until the
 * load has ended. The server drops it with the session, so a coordinator whose JVM died
 * (or whose connection broke) leaves its lease free at once. Recovery settles the
 * prepared transactions of a load only when it can take that load's lease itself, so a
 * live coordinator is never touched, and no grace period is needed. Two loads whose ids
 * share the low 32 bits share a lease key: recovery then merely waits for both. Advisory
 * locks are per database, as are the prepared transactions recovery looks at. Stateless.
 */
final class LoadLease {

	/**
	 * The first key of every lease, so that they do not collide with an application's.
	 */
	static final int NAMESPACE = 0x44427531;

	private static final String TRY_LOCK = SqlRenderer
		.render(new Sql.SelectValues(List.of(new Sql.FunctionCall("pg_try_advisory_lock",
				List.of(new Sql.BindMarker("namespace"), new Sql.BindMarker("key"))))));

	private static final String UNLOCK = SqlRenderer
		.render(new Sql.SelectValues(List.of(new Sql.FunctionCall("pg_advisory_unlock",
				List.of(new Sql.BindMarker("namespace"), new Sql.BindMarker("key"))))));

	private LoadLease() {
	}

	/** The second key of a load's lease. */
	static int key(String load) {
		return (int) Long.parseUnsignedLong(load, 16);
	}

	/**
	 * Takes a load's lease on this session unless another session holds it; does not
	 * wait.
	 * @return whether this session now holds it
	 */
	static boolean tryAcquire(Connection connection, String load) {
		return call(connection, TRY_LOCK, load);
	}

	/** Gives up a lease this session holds. */
	static void release(Connection connection, String load) {
		call(connection, UNLOCK, load);
	}

	private static boolean call(Connection connection, String sql, String load) {
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			ps.setInt(1, NAMESPACE);
			ps.setInt(2, key(load));
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure(sql, -1, ex);
		}
	}

}
