package io.databridge.postgres.internal.observation;

import java.util.Map;

/**
 * What a finished bulk load tells its observation.
 *
 * @param rows the rows written
 * @param bytes the bytes of COPY data sent
 * @param path how the load ran ({@code single}, {@code pipelined}, {@code joined},
 * {@code two-phase}, {@code staged} or {@code per-partition})
 * @param partitions the partitions (connections) it streamed over
 * @param phaseNanos the duration of each phase in nanoseconds, in the order they ran
 */
public record BulkFacts(long rows, long bytes, String path, int partitions, Map<String, Long> phaseNanos) {
}
