package io.databridge.postgres.internal.bulk;

import java.util.List;

/**
 * The result of a bulk insert.
 *
 * @param rows the rows written to the table (inserted, or inserted and updated for
 * upserts; ignored conflicts are not counted)
 * @param ids the ids of the rows written when they were asked for, else empty
 * @param bytes the bytes of COPY data sent (binary rows with header and trailer)
 */
public record BulkOutcome(long rows, List<Object> ids, long bytes) {

	public BulkOutcome {
		ids = List.copyOf(ids);
	}

	/** An outcome whose bytes are not counted yet. */
	public BulkOutcome(long rows, List<Object> ids) {
		this(rows, ids, 0);
	}

	/** This outcome with the bytes sent. */
	public BulkOutcome withBytes(long sent) {
		return new BulkOutcome(this.rows, this.ids, sent);
	}
}
