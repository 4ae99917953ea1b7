package io.databridge.postgres.bulk;

import java.util.List;

/**
 * What a recovery of crash-consistent bulk loads did
 * ({@code PgBulkOperations.recoverInDoubtTransactions()}): the prepared transactions it
 * committed, because their load had recorded the commit decision, those it rolled back,
 * because it had not, and those it left alone because their load's coordinator still
 * holds its lease. Immutable.
 *
 * @param committed the global ids of the prepared transactions committed
 * @param rolledBack the global ids of the prepared transactions rolled back
 * @param live the global ids of the prepared transactions of loads still running
 */
public record InDoubtRecovery(List<String> committed, List<String> rolledBack, List<String> live) {

	/** Copies the lists. */
	public InDoubtRecovery {
		committed = List.copyOf(committed);
		rolledBack = List.copyOf(rolledBack);
		live = List.copyOf(live);
	}

	/** Whether nothing was settled. */
	public boolean isEmpty() {
		return this.committed.isEmpty() && this.rolledBack.isEmpty();
	}

}
