package io.databridge.postgres.internal.bulk;

import java.sql.SQLException;

/**
 * Carries an {@link SQLException} of one step of a bulk insert, with the SQL that failed,
 * to the one place that translates it ({@link DefaultBulkInserter}).
 */
final class SqlFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	final String sql;

	final int partition;

	SqlFailure(String sql, int partition, SQLException cause) {
		super(cause.getMessage(), cause, false, false);
		this.sql = sql;
		this.partition = partition;
	}

	SQLException sqlException() {
		return (SQLException) getCause();
	}

}
