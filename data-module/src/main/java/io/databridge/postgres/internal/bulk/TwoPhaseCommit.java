package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

/**
 * The two-phase-commit protocol of all-or-nothing parallel inserts, and the recovery of
 * the transactions it leaves in doubt when a JVM dies.
 *
 * <p>
 * <b>Protocol.</b> A load gets a random id; its partition {@code p} COPYs straight into
 * the table in a transaction of its own and ends it with
 * <code>PREPARE TRANSACTION 'databridge_bulk_&lt;load id&gt;_&lt;p&gt;'</code>, which
 * detaches the transaction from the session (the connection goes back to the pool at
 * once). Then the coordinator, holding no connection while partitions run:
 * <ol>
 * <li>If any partition failed: {@code ROLLBACK PREPARED} every prepared transaction of
 * the load (found in {@code pg_prepared_xacts}, so a PREPARE whose answer was lost is
 * caught too); the others rolled back already.</li>
 * <li>Else it records the decision: one transaction inserts
 * {@code (load id, committed = true)} into the ledger table {@code databridge_2pc_ledger}
 * (created with {@code IF NOT EXISTS} on first use, in the first schema of the search
 * path) and checks that every partition's transaction is still prepared; it commits only
 * then. A unique violation means recovery decided first (an abort row, see below), a
 * missing transaction that recovery rolled it back: either way the load rolls back the
 * rest and fails.</li>
 * <li>{@code COMMIT PREPARED} each, then deletes its ledger row. A transaction that no
 * longer exists was committed by a concurrent recovery (the decision is recorded), so
 * that is success. When this step fails the decision stands: the coordinator tries once
 * more on a fresh connection, and what is still prepared after that is committed by the
 * next recovery.</li>
 * </ol>
 *
 * <p>
 * <b>Recovery</b> ({@link InDoubtRecovery}, presumed abort) settles a load only once it
 * holds the load's lease ({@link LoadLease}), that is once the coordinator's session is
 * gone: it inserts {@code (load id, committed = false)} into the ledger unless a row
 * exists ({@code ON CONFLICT DO NOTHING}) and then follows the row: {@code COMMIT
 * PREPARED} when it says committed, else {@code ROLLBACK PREPARED}. The unique key
 * serialises recovery and coordinator: whichever inserts first decides, and the other one
 * follows, so even a coordinator that lost its lease (a broken connection) cannot commit
 * a load that recovery has rolled back.
 *
 * <p>
 * Stateless apart from the JVM-wide set of running loads; every method runs on a
 * connection the caller owns.
 */
final class TwoPhaseCommit {

	/** The prefix of the global transaction id of every prepared partition. */
	static final String PREFIX = "databridge_bulk_";

	static final Sql.Table LEDGER = new Sql.Table(null, "databridge_2pc_ledger");

	private static final Column LOAD_ID = new Column("load_id");

	private static final Column COMMITTED = new Column("committed");

	private static final Column DECIDED_AT = new Column("decided_at");

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String UNDEFINED_OBJECT = "42704";

	private static final String CREATE_LEDGER = SqlRenderer
		.render(new Sql.CreateLedgerTable(LEDGER, LOAD_ID, COMMITTED, DECIDED_AT));

	private static final String DECIDE = SqlRenderer
		.render(new Sql.Insert(LEDGER, List.of(LOAD_ID, COMMITTED),
				List.of(new Sql.BindMarker("load"), new Sql.BindMarker("committed")), false, null, List.of()))
		.sql();

	private static final String ABORT_UNLESS_DECIDED = SqlRenderer
		.render(new Sql.Insert(LEDGER, List.of(LOAD_ID, COMMITTED),
				List.of(new Sql.BindMarker("load"), new Sql.BindMarker("committed")), false,
				new Sql.OnConflict(List.of(LOAD_ID), List.of()), List.of()))
		.sql();

	private static final String DECISION = SqlRenderer
		.render(Sql.Select.of(List.of(COMMITTED), LEDGER)
			.where(new Sql.Comparison(LOAD_ID, Sql.Operator.EQ, new Sql.BindMarker("load"))))
		.sql();

	private static final String LEDGER_LOADS = SqlRenderer.render(Sql.Select.of(List.of(LOAD_ID), LEDGER)).sql();

	private static final String FORGET = SqlRenderer
		.render(new Sql.Delete(LEDGER, new Sql.Comparison(LOAD_ID, Sql.Operator.EQ, new Sql.BindMarker("load")),
				List.of()))
		.sql();

	private static final String PREPARED = SqlRenderer.render(Sql.Select
		.of(List.of(new Column("gid"), new Column("prepared"), new Sql.FunctionCall("now", List.of())),
				new Sql.Table("pg_catalog", "pg_prepared_xacts"))
		.where(new Sql.And(List.of(
				new Sql.Comparison(new Column("database"), Sql.Operator.EQ,
						new Sql.FunctionCall("current_database", List.of())),
				new Sql.Comparison(new Column("gid"), Sql.Operator.LIKE, new Sql.BindMarker("pattern"))))))
		.sql();

	/**
	 * The loads this JVM is running; recovery leaves them alone without asking for their
	 * lease.
	 */
	private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

	private TwoPhaseCommit() {
	}

	/** A fresh load id (16 hex digits), registered as running until {@link #finished}. */
	static String start() {
		byte[] random = new byte[8];
		ThreadLocalRandom.current().nextBytes(random);
		String load = HexFormat.of().formatHex(random);
		RUNNING.add(load);
		return load;
	}

	/** Unregisters a load. */
	static void finished(String load) {
		RUNNING.remove(load);
	}

	/** Whether this JVM runs the load. */
	static boolean running(String load) {
		return RUNNING.contains(load);
	}

	/** The global transaction id of a load's partition. */
	static String gid(String load, int partition) {
		return PREFIX + load + "_" + partition;
	}

	/** The load id in one of our transaction ids, or {@code null} when it is not one. */
	static @Nullable String loadOf(String gid) {
		int separator = gid.lastIndexOf('_');
		if (!gid.startsWith(PREFIX) || separator <= PREFIX.length()) {
			return null;
		}
		return gid.substring(PREFIX.length(), separator);
	}

	/**
	 * Creates the ledger table unless it exists (a concurrent creation counts as
	 * existing).
	 */
	static void createLedger(Connection connection) {
		try {
			PartitionWork.execute(connection, CREATE_LEDGER, -1);
		}
		catch (SqlFailure ex) {
			// two sessions creating it at once: one of them loses on the catalog's unique
			// index
			if (!UNIQUE_VIOLATION.equals(ex.sqlException().getSQLState())) {
				throw ex;
			}
		}
	}

	/**
	 * Records the decision to commit a load, in a transaction of its own.
	 * @param prepared the transactions every partition prepared
	 * @return whether the decision is recorded; {@code false} when recovery decided first
	 * or one of the transactions is no longer prepared (the caller then rolls the load
	 * back)
	 */
	static boolean decideCommit(Connection connection, String load, Set<String> prepared) {
		try {
			return PartitionWork.inTransaction(connection, -1, () -> {
				try (PreparedStatement ps = connection.prepareStatement(DECIDE)) {
					ps.setString(1, load);
					ps.setBoolean(2, true);
					ps.executeUpdate();
				}
				catch (SQLException ex) {
					if (UNIQUE_VIOLATION.equals(ex.getSQLState())) {
						throw new DecisionRefused();
					}
					throw new SqlFailure(DECIDE, -1, ex);
				}
				if (!prepared(connection, load).keySet().equals(prepared)) {
					throw new DecisionRefused();
				}
				return true;
			});
		}
		catch (DecisionRefused ex) {
			return false;
		}
	}

	/**
	 * Rolls back every transaction of a load that is still prepared; the load has not
	 * decided to commit.
	 */
	static void rollBack(Connection connection, String load) {
		for (String gid : prepared(connection, load).keySet()) {
			finish(connection, gid, false);
		}
	}

	/**
	 * Follows (or, when there is none, records as abort) the decision of a load and
	 * finishes its prepared transactions accordingly, then deletes its ledger row.
	 * @return whether the load committed
	 */
	static boolean settle(Connection connection, String load) {
		boolean committed = decision(connection, load);
		for (String gid : prepared(connection, load).keySet()) {
			finish(connection, gid, committed);
		}
		forget(connection, load);
		return committed;
	}

	/**
	 * {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED}, in autocommit; one that no
	 * longer exists is done.
	 */
	static void finish(Connection connection, String gid, boolean commit) {
		String sql = SqlRenderer.render(new Sql.PreparedTransaction(
				commit ? Sql.PreparedTransaction.Action.COMMIT : Sql.PreparedTransaction.Action.ROLLBACK, gid));
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			if (!UNDEFINED_OBJECT.equals(ex.getSQLState())) {
				throw new SqlFailure(sql, -1, ex);
			}
		}
	}

	/** Deletes a load's ledger row. */
	static void forget(Connection connection, String load) {
		try (PreparedStatement ps = connection.prepareStatement(FORGET)) {
			ps.setString(1, load);
			ps.executeUpdate();
		}
		catch (SQLException ex) {
			throw new SqlFailure(FORGET, -1, ex);
		}
	}

	/**
	 * Whether this database holds prepared transactions of two-phase bulk inserts (of any
	 * JVM).
	 * @param connection a connection in autocommit
	 * @return whether {@code pg_prepared_xacts} lists any
	 */
	static boolean anyPrepared(Connection connection) {
		return !prepared(connection, null).isEmpty();
	}

	/** The ledger's decision for a load, recording an abort first when there is none. */
	static boolean decision(Connection connection, String load) {
		try (PreparedStatement ps = connection.prepareStatement(ABORT_UNLESS_DECIDED)) {
			ps.setString(1, load);
			ps.setBoolean(2, false);
			ps.executeUpdate();
		}
		catch (SQLException ex) {
			throw new SqlFailure(ABORT_UNLESS_DECIDED, -1, ex);
		}
		try (PreparedStatement ps = connection.prepareStatement(DECISION)) {
			ps.setString(1, load);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure(DECISION, -1, ex);
		}
	}

	static List<String> ledgerLoads(Connection connection) {
		List<String> loads = new ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement(LEDGER_LOADS); ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				loads.add(rs.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure(LEDGER_LOADS, -1, ex);
		}
		return loads;
	}

	/** The prepared transactions of one load (or of all loads), by transaction id. */
	static Map<String, Prepared> prepared(Connection connection, @Nullable String load) {
		Map<String, Prepared> found = new LinkedHashMap<>();
		try (PreparedStatement ps = connection.prepareStatement(PREPARED)) {
			ps.setString(1, like(PREFIX + (load == null ? "" : load + "_")) + "%");
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					found.put(rs.getString(1), new Prepared(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
							rs.getObject(3, OffsetDateTime.class)));
				}
			}
		}
		catch (SQLException ex) {
			throw new SqlFailure(PREPARED, -1, ex);
		}
		return found;
	}

	private static String like(String literal) {
		return literal.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
	}

	/** A prepared transaction of a load, as {@code pg_prepared_xacts} lists it. */
	record Prepared(String gid, OffsetDateTime preparedAt, OffsetDateTime serverNow) {
	}

	/** The decision to commit was refused; rolls the decision's transaction back. */
	static final class DecisionRefused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DecisionRefused() {
			super("the commit decision was refused", null, false, false);
		}

	}

}
