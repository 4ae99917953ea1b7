package io.databridge.postgres.internal.repository.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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
		this.jdbc.execute((ConnectionCallback<Void>) connection -> {
			for (String sql : statements) {
				try (PreparedStatement ps = connection.prepareStatement(sql)) {
					ps.getParameterMetaData();
				}
				catch (SQLException ex) {
					throw QueryCreationException.create(method,
							method.describe() + ": PostgreSQL rejected the statement [" + sql + "]: " + ex.getMessage(),
							ex);
				}
			}
			return null;
		});
	}

}
