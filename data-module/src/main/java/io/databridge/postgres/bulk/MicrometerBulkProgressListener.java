package io.databridge.postgres.bulk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the rows bulk inserts send, in the Micrometer counter
 * {@code databridge.bulk.rows} tagged with {@code table} and {@code partition}. Needs
 * {@code micrometer-core} on the class path. Thread-safe.
 */
public final class MicrometerBulkProgressListener implements BulkProgressListener {

	/** The counter's name. */
	public static final String METER = "databridge.bulk.rows";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/** Creates a listener registering its counters in a registry. */
	public MicrometerBulkProgressListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void rowsWritten(String table, int partition, int rows) {
		// keys are mapped tables times partitions, both bounded by the application's
		// configuration
		this.counters
			.computeIfAbsent(table + '\u0000' + partition,
					key -> Counter.builder(METER)
						.description("Rows sent by data-bridge bulk inserts")
						.tag("table", table)
						.tag("partition", Integer.toString(partition))
						.register(this.registry))
			.increment(rows);
	}

}
