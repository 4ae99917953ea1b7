package io.databridge.postgres.internal.bulk;

import java.util.List;

/**
 * What one partition did.
 *
 * @param copied rows the server took in by COPY
 * @param written rows that ended up in the table (fewer than copied when conflicts are
 * ignored; for all-or-nothing parallel inserts, 0 until the final move)
 * @param ids the generated ids, in input order, when asked for
 */
record PartitionResult(long copied, long written, List<Object> ids) {

	PartitionResult {
		ids = List.copyOf(ids);
	}
}
