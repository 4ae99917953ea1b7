/**
 * Observing and logging what data-bridge sends: one place that wraps each statement and
 * each bulk load in a Micrometer observation and writes the {@code io.databridge.sql}
 * log.
 */
@NullMarked
package io.databridge.postgres.internal.observation;

import org.jspecify.annotations.NullMarked;
