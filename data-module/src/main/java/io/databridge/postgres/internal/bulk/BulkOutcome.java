package io.databridge.postgres.internal.bulk;

import java.util.List;
import java.util.Map;

/**
 * The result of a bulk insert.
 *
 * @param rows the rows written to the table (inserted, or inserted and updated for
 * upserts; ignored conflicts are not counted)
 * @param ids the ids of the rows written when they were asked for, else empty
 * @param bytes the bytes of COPY data sent (binary rows with header and trailer)
 * @param path how the load ran: {@code single}, {@code pipelined}, {@code joined},
 * {@code two-phase}, {@code staged} or {@code per-partition}
 * @param partitions the partitions (connections) it streamed over
 * @param phaseNanos the duration of each of its phases, in nanoseconds, in the order they
 * ran
 */
public record BulkOutcome(long rows, List<Object> ids, long bytes, String path, int partitions,
		Map<String, Long> phaseNanos) {

	public BulkOutcome {
		ids = List.copyOf(ids);
		phaseNanos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseNanos));
	}

	/** An outcome whose bytes and plan are not recorded yet. */
	public BulkOutcome(long rows, List<Object> ids) {
		this(rows, ids, 0, "single", 1, Map.of());
	}

	/** This outcome with what the plan recorded: bytes sent, path, partitions, phases. */
	BulkOutcome withPlan(BulkPlan plan) {
		Map<String, Long> phases;
		synchronized (plan.phaseNanos) {
			phases = new java.util.LinkedHashMap<>(plan.phaseNanos);
		}
		return new BulkOutcome(this.rows, this.ids, plan.bytesSent.sum(), plan.path, plan.partitions, phases);
	}
}
