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
				BulkKeys.ATOMICITY.withValue(context.getAtomicity()), BulkKeys.OUTCOME.withValue(context.getOutcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(PgBulkContext context) {
		return KeyValues.of(BulkHighCardinalityKeys.ROWS.withValue(Long.toString(context.getRows())),
				BulkHighCardinalityKeys.BYTES.withValue(Long.toString(context.getBytes())));
	}

}
