package io.databridge.postgres.observation;

import io.databridge.postgres.observation.PgObservationDocumentation.BulkHighCardinalityKeys;
import io.databridge.postgres.observation.PgObservationDocumentation.BulkKeys;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags of bulk-insert observations: name {@code databridge.bulk},
 * low-cardinality table, atomicity and outcome, high-cardinality rows and bytes.
 */
public class DefaultPgBulkObservationConvention implements PgBulkObservationConvention {

	@Override
	public String getName() {
		return "databridge.bulk";
	}

	@Override
	public String getContextualName(PgBulkContext context) {
		return "copy " + context.getTable();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(PgBulkContext context) {
		return KeyValues.of(BulkKeys.TABLE.withValue(context.getTable()),
				BulkKeys.ATOMICITY.withValue(context.getAtomicity()), BulkKeys.PATH.withValue(context.getPath()),
				BulkKeys.OUTCOME.withValue(context.getOutcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(PgBulkContext context) {
		StringBuilder phases = new StringBuilder();
		context.getPhases()
			.forEach((phase, duration) -> phases.append(phases.isEmpty() ? "" : ",")
				.append(phase)
				.append('=')
				.append(String.format(java.util.Locale.ROOT, "%.3fms", duration.toNanos() / 1e6)));
		return KeyValues.of(BulkHighCardinalityKeys.ROWS.withValue(Long.toString(context.getRows())),
				BulkHighCardinalityKeys.BYTES.withValue(Long.toString(context.getBytes())),
				BulkHighCardinalityKeys.PARTITIONS.withValue(Integer.toString(context.getPartitions())),
				BulkHighCardinalityKeys.PHASES.withValue(phases.toString()));
	}

}
