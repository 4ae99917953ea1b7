package io.databridge.postgres.internal.sql;

import java.util.List;

/**
 * SQL text and, in the order of its {@code ?} placeholders, the names of the arguments to
 * bind.
 *
 * @param sql the statement text with {@code ?} placeholders
 * @param parameters one name per placeholder, in order (a name may repeat)
 */
public record RenderedSql(String sql, List<String> parameters) {

	public RenderedSql {
		parameters = List.copyOf(parameters);
	}

	@Override
	public String toString() {
		return this.sql;
	}
}
