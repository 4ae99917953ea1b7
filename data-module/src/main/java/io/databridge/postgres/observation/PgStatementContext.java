package io.databridge.postgres.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one statement knows: the operation, the table and the SQL text
 * (never bind values) and, with read routing, where its connection went. Not thread-safe;
 * one per observed statement.
 */
public class PgStatementContext extends Observation.Context {

	private final String operation;

	private final String table;

	private final String sql;

	private @Nullable String route;

	/**
	 * Creates the context of one statement.
	 * @param operation {@code select}, {@code insert}, {@code update}, {@code delete} or
	 * {@code copy}
	 * @param table the table
	 * @param sql the SQL text with its {@code ?} markers
	 */
	public PgStatementContext(String operation, String table, String sql) {
		this.operation = operation;
		this.table = table;
		this.sql = sql;
	}

	/** The operation. */
	public String getOperation() {
		return this.operation;
	}

	/** The table. */
	public String getTable() {
		return this.table;
	}

	/** The SQL text, without bind values. */
	public String getSql() {
		return this.sql;
	}

	/**
	 * Where the statement's connection went, {@code primary} or {@code replica}, once it
	 * ran; {@code null} when no read routing is configured.
	 */
	public @Nullable String getRoute() {
		return this.route;
	}

	/** Sets where the statement's connection went. */
	public void setRoute(@Nullable String route) {
		this.route = route;
	}

	/** {@code success}, or {@code error} once an error was recorded. */
	public String getOutcome() {
		@Nullable Throwable error = getError();
		return (error != null) ? "error" : "success";
	}

}
