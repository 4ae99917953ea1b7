package io.databridge.postgres.bulk;

import java.util.List;

/**
 * What a recovery of two-phase bulk inserts did
 * ({@code PgBulkOperations.recoverInDoubtTransactions()}): the prepared transactions it
 * committed, because their load had recorded the commit decision, and those it rolled
 * back, because it had not. Immutable.
 *
 * @param committed the global ids of the prepared transactions committed
 * @param rolledBack the global ids of the prepared transactions rolled back
 */
public record InDoubtRecovery(List<String> committed, List<String> rolledBack) {

	/** Copies both lists. */
	public InDoubtRecovery {
		committed = List.copyOf(committed);
		rolledBack = List.copyOf(rolledBack);
	}

	/** Whether nothing was in doubt. */
	public boolean isEmpty() {
		return this.committed.isEmpty() && this.rolledBack.isEmpty();
	}

}
