package io.databridge.postgres.observation;

import io.databridge.postgres.observation.PgObservationDocumentation.StatementHighCardinalityKeys;
import io.databridge.postgres.observation.PgObservationDocumentation.StatementKeys;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags of statement observations: name
 * {@code databridge.statement}, contextual name {@code "<operation>
 *
<table>
 * "}, low-cardinality operation, table and outcome (and, with read routing, the route),
 * high-cardinality SQL text.
 */
public class DefaultPgStatementObservationConvention implements PgStatementObservationConvention {

	@Override
	public String getName() {
		return "databridge.statement";
	}

	@Override
	public String getContextualName(PgStatementContext context) {
		return context.getOperation() + " " + context.getTable();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(PgStatementContext context) {
		KeyValues keys = KeyValues.of(StatementKeys.OPERATION.withValue(context.getOperation()),
				StatementKeys.TABLE.withValue(context.getTable()),
				StatementKeys.OUTCOME.withValue(context.getOutcome()));
		String route = context.getRoute();
		return (route != null) ? keys.and(StatementKeys.ROUTE.withValue(route)) : keys;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(PgStatementContext context) {
		return KeyValues.of(StatementHighCardinalityKeys.STATEMENT.withValue(context.getSql()));
	}

}
