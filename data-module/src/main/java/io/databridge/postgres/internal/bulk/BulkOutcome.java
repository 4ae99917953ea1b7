package io.databridge.postgres.internal.bulk;

import java.util.List;

/**
 * The result of a bulk insert.
 *
 * @param rows the rows written to the table (inserted, or inserted and updated for
 * upserts; ignored conflicts are not counted)
 * @param ids the ids of the rows written when they were asked for, else empty
 */
public record BulkOutcome(long rows, List<Object> ids) {

	public BulkOutcome {
		ids = List.copyOf(ids);
	}
}
