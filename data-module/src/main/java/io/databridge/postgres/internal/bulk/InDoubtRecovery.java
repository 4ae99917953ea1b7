package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Settles the prepared transactions that crash-consistent loads left in doubt, in the
 * database of an inserter's data source (the protocol is in {@link TwoPhaseCommit}).
 *
 * <p>
 * A load is in doubt when it has prepared transactions and nobody holds its lease
 * ({@link LoadLease}): its coordinator's session is gone. Recovery takes the lease
 * itself, commits the load's transactions when the ledger records the commit decision and
 * rolls them back otherwise, deletes the ledger row and gives the lease back. There is no
 * grace period: a load whose lease is held is live and left alone, however old.
 *
 * <p>
 * It runs before every crash-consistent load (on the coordinator's connection), at the
 * application's start (Boot starter), on demand, and periodically while it may be needed:
 * after a run that left transactions of live loads of other JVMs (which may yet die), and
 * after a load of this JVM that failed in a way that may leave some. The periodic run is
 * one virtual thread per inserter that sleeps the configured interval between runs and
 * ends once no prepared transaction of a load it does not run is left. Thread-safe.
 */
final class InDoubtRecovery {

	private static final System.Logger LOG = System.getLogger(InDoubtRecovery.class.getName());

	private final BulkConnections connections;

	private final Duration interval;

	private final AtomicBoolean ledgerReady = new AtomicBoolean();

	private final AtomicBoolean periodic = new AtomicBoolean();

	InDoubtRecovery(BulkConnections connections, Duration interval) {
		this.connections = connections;
		this.interval = interval;
	}

	/** Runs recovery on a connection of its own. */
	InDoubtResolution recover() {
		InDoubtResolution resolution = this.connections.withConnection(this::recover);
		if (!resolution.live().isEmpty()) {
			scheduleWhileNeeded();
		}
		return resolution;
	}

	/**
	 * Runs recovery on a connection in autocommit that the caller owns; touches nothing,
	 * not even to create the ledger, when no load has a prepared transaction.
	 */
	InDoubtResolution recover(Connection connection) {
		if (this.connections.maxPreparedTransactions(connection) == 0) {
			return InDoubtResolution.NONE;
		}
		Map<String, List<String>> byLoad = new LinkedHashMap<>();
		for (TwoPhaseCommit.Prepared prepared : TwoPhaseCommit.prepared(connection, null).values()) {
			String load = TwoPhaseCommit.loadOf(prepared.gid());
			if (load != null && !TwoPhaseCommit.running(load)) {
				byLoad.computeIfAbsent(load, l -> new ArrayList<>()).add(prepared.gid());
			}
		}
		if (byLoad.isEmpty()) {
			return InDoubtResolution.NONE;
		}
		ensureLedger(connection);
		List<String> committed = new ArrayList<>();
		List<String> rolledBack = new ArrayList<>();
		List<String> live = new ArrayList<>();
		for (Map.Entry<String, List<String>> entry : byLoad.entrySet()) {
			String load = entry.getKey();
			if (!LoadLease.tryAcquire(connection, load)) {
				live.addAll(entry.getValue());
				continue;
			}
			try {
				boolean commit = TwoPhaseCommit.decision(connection, load);
				for (String gid : TwoPhaseCommit.prepared(connection, load).keySet()) {
					TwoPhaseCommit.finish(connection, gid, commit);
					(commit ? committed : rolledBack).add(gid);
				}
				TwoPhaseCommit.forget(connection, load);
			}
			finally {
				LoadLease.release(connection, load);
			}
		}
		forgetSettledLoads(connection);
		InDoubtResolution resolution = new InDoubtResolution(committed, rolledBack, live);
		if (!committed.isEmpty() || !rolledBack.isEmpty()) {
			LOG.log(System.Logger.Level.WARNING,
					"Settled bulk-insert transactions left in doubt: committed {0}, rolled back {1}", committed,
					rolledBack);
		}
		return resolution;
	}

	/** Creates the ledger table unless this inserter knows it exists. */
	void ensureLedger(Connection connection) {
		if (!this.ledgerReady.get()) {
			TwoPhaseCommit.createLedger(connection);
			this.ledgerReady.set(true);
		}
	}

	/**
	 * Deletes the ledger rows of loads that have no prepared transaction left and whose
	 * lease is free (a coordinator whose last step, the delete, failed).
	 */
	private static void forgetSettledLoads(Connection connection) {
		for (String load : TwoPhaseCommit.ledgerLoads(connection)) {
			if (TwoPhaseCommit.running(load) || !TwoPhaseCommit.prepared(connection, load).isEmpty()
					|| !LoadLease.tryAcquire(connection, load)) {
				continue;
			}
			try {
				TwoPhaseCommit.forget(connection, load);
			}
			finally {
				LoadLease.release(connection, load);
			}
		}
	}

	/**
	 * Starts the periodic run unless it runs already or is switched off (interval zero).
	 */
	void scheduleWhileNeeded() {
		if (this.interval.isZero() || !this.periodic.compareAndSet(false, true)) {
			return;
		}
		Thread.ofVirtual().name("databridge-bulk-recovery").start(this::runPeriodically);
	}

	private void runPeriodically() {
		try {
			boolean needed = true;
			while (needed) {
				Thread.sleep(this.interval);
				try {
					needed = !this.connections.withConnection(this::recover).live().isEmpty();
				}
				catch (RuntimeException ex) {
					LOG.log(System.Logger.Level.WARNING, "Periodic recovery of bulk-insert transactions left in "
							+ "doubt failed; it runs again in " + this.interval + ": " + ex, ex);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.periodic.set(false);
		}
	}

}
