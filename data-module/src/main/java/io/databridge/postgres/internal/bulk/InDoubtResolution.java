package io.databridge.postgres.internal.bulk;

import java.util.List;

/**
 * What a recovery of crash-consistent bulk inserts did
 * ({@link DefaultBulkInserter#recoverInDoubtTransactions()}).
 *
 * @param committed the ids of the prepared transactions committed, because their load had
 * recorded the decision
 * @param rolledBack the ids of the prepared transactions rolled back, because it had not
 * @param live the ids of the prepared transactions left alone because their load is
 * running (its coordinator, in this JVM or another, holds its lease)
 */
public record InDoubtResolution(List<String> committed, List<String> rolledBack, List<String> live) {

	/** Nothing was found. */
	static final InDoubtResolution NONE = new InDoubtResolution(List.of(), List.of(), List.of());

	public InDoubtResolution {
		committed = List.copyOf(committed);
		rolledBack = List.copyOf(rolledBack);
		live = List.copyOf(live);
	}

}
