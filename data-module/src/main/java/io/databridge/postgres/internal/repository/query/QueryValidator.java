package io.databridge.postgres.internal.repository.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.databridge.postgres.internal.mapping.MissingTable;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Has PostgreSQL parse every statement of a query method when the repository is created,
 * without running it: pgjdbc's {@link PreparedStatement#getParameterMetaData()} sends
 * Parse and Describe (and no Execute), so a typo or a missing column fails the start with
 * the server's message. Thread-safe.
 */
public final class QueryValidator {

	private final JdbcTemplate jdbc;

	/** Creates a validator on the template's DataSource. */
	public QueryValidator(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Describes each statement on one connection.
	 * @throws QueryCreationException naming the method and quoting PostgreSQL's message
	 */
	public void validate(PgQueryMethod method, List<String> statements) {
		validate(method, statements, null);
	}

	/**
	 * Describes each statement on one connection; a missing table of the entity is named
	 * as such.
	 * @param entity the repository's entity, or {@code null}
	 * @throws QueryCreationException naming the method and quoting PostgreSQL's message;
	 * for the entity's missing table, naming the entity and the table
	 */
	public void validate(PgQueryMethod method, List<String> statements, @Nullable PgPersistentEntity<?> entity) {
		this.jdbc.execute((ConnectionCallback<Void>) connection -> {
			for (String sql : statements) {
				try (PreparedStatement ps = connection.prepareStatement(sql)) {
					ps.getParameterMetaData();
				}
				catch (SQLException ex) {
					throw QueryCreationException.create(method, message(method, sql, ex, entity), ex);
				}
			}
			return null;
		});
	}

	private static String message(PgQueryMethod method, String sql, SQLException ex,
			@Nullable PgPersistentEntity<?> entity) {
		String server = String.valueOf(ex.getMessage());
		if (entity != null && MissingTable.isMissing(ex, entity)) {
			return method.describe() + ": " + MissingTable.message(entity, server);
		}
		return method.describe() + ": PostgreSQL rejected the statement [" + sql + "]: " + server;
	}

}
