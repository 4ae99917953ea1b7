package io.databridge.postgres.internal.repository.query;

import java.util.List;

/**
 * A statement a query method sends, for the statement catalogue: its SQL as sent and what
 * each {@code ?} is bound to.
 *
 * @param sql the SQL text
 * @param parameters one description per {@code ?}, in order
 */
public record CatalogStatement(String sql, List<String> parameters) {

	/** Copies the parameter list. */
	public CatalogStatement {
		parameters = List.copyOf(parameters);
	}

	static CatalogStatement of(PreparedQuery query, PgQueryMethod method) {
		return new CatalogStatement(query.sql(), query.slots().stream().map((slot) -> slot.describe(method)).toList());
	}

}
