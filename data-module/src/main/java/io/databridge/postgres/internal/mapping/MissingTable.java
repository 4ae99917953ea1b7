package io.databridge.postgres.internal.mapping;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * The library's own error for an entity whose table does not exist: it names the entity
 * and the table and says how to fix it, where pgjdbc only says that a relation does not
 * exist. Start-up query validation and every statement data-bridge runs on an entity's
 * table use it.
 */
public final class MissingTable {

	/** PostgreSQL's SQLSTATE for a relation that does not exist. */
	private static final String UNDEFINED_TABLE = "42P01";

	private MissingTable() {
	}

	/**
	 * Whether the server reported the entity's table as missing.
	 * @param ex the server's error
	 * @param entity the entity
	 * @return {@code true} for SQLSTATE 42P01 naming the entity's table
	 */
	public static boolean isMissing(SQLException ex, PgPersistentEntity<?> entity) {
		String message = String.valueOf(ex.getMessage());
		return UNDEFINED_TABLE.equals(ex.getSQLState()) && (message.contains("\"" + entity.tableName() + "\"")
				|| message.contains("\"" + qualifiedName(entity) + "\""));
	}

	/**
	 * Says that the entity's table does not exist, quoting the server and giving the fix.
	 * @param entity the entity
	 * @param server the server's message
	 * @return the message, starting with "the table"
	 */
	public static String message(PgPersistentEntity<?> entity, String server) {
		return "the table " + qualifiedName(entity) + " of entity " + entity.getType().getName()
				+ " does not exist (PostgreSQL: " + server + "). Create it before the application starts "
				+ "(for example in a Flyway migration under src/main/resources/db/migration), or map "
				+ entity.getType().getSimpleName() + " to an existing table with @Table";
	}

	/**
	 * The library's error for a failed statement when the server reported one of the
	 * entities' tables as missing; otherwise the failure itself.
	 * @param failure the failure as translated by the JDBC template
	 * @param entities the entities the statement may have used
	 * @return a {@link BadSqlGrammarException} naming the entity and the table, or
	 * {@code failure}
	 */
	public static RuntimeException translate(RuntimeException failure,
			Iterable<? extends PgPersistentEntity<?>> entities) {
		if (!(failure instanceof DataAccessException) || !(failure.getCause() instanceof SQLException ex)
				|| !UNDEFINED_TABLE.equals(ex.getSQLState())) {
			return failure;
		}
		for (PgPersistentEntity<?> entity : entities) {
			if (isMissing(ex, entity)) {
				String sql = (failure instanceof BadSqlGrammarException bad) ? bad.getSql() : null;
				return new BadSqlGrammarException(message(entity, String.valueOf(ex.getMessage())),
						(sql != null) ? sql : "", ex);
			}
		}
		return failure;
	}

	private static String qualifiedName(PgPersistentEntity<?> entity) {
		@Nullable String schema = entity.schema();
		return (schema != null) ? schema + "." + entity.tableName() : entity.tableName();
	}

}
