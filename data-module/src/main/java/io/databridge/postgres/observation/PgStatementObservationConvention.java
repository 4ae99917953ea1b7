package io.databridge.postgres.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags statement observations; declare a bean of this type to change them.
 */
public interface PgStatementObservationConvention extends ObservationConvention<PgStatementContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PgStatementContext;
	}

}
