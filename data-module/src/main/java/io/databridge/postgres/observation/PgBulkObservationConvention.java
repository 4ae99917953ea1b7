package io.databridge.postgres.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags bulk-insert observations; declare a bean of this type to change them.
 */
public interface PgBulkObservationConvention extends ObservationConvention<PgBulkContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PgBulkContext;
	}

}
