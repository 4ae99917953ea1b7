package io.databridge.postgres.internal.bulk;

import java.util.List;

/**
 * What a recovery of two-phase bulk inserts did
 * ({@link DefaultBulkInserter#recoverInDoubtTransactions()}).
 *
 * @param committed the ids of the prepared transactions committed, because their load had
 * recorded the decision
 * @param rolledBack the ids of the prepared transactions rolled back, because it had not
 */
public record InDoubtResolution(List<String> committed, List<String> rolledBack) {

	public InDoubtResolution {
		committed = List.copyOf(committed);
		rolledBack = List.copyOf(rolledBack);
	}
}
