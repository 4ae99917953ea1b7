package io.databridge.postgres.bulk;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessException;

/**
 * A bulk insert with {@link Atomicity#PER_PARTITION} commits failed after some partitions
 * had committed: their rows stay in the table, the rest was rolled back. The cause is the
 * failure, translated as usual (for instance a {@code DuplicateKeyException}).
 */
public class BulkInsertPartiallyCommittedException extends NonTransientDataAccessException {

	private static final long serialVersionUID = 1L;

	private final long committedRows;

	/**
	 * Creates the exception.
	 * @param table the target table
	 * @param committedRows the rows of the partitions that committed
	 * @param cause the failure
	 */
	public BulkInsertPartiallyCommittedException(String table, long committedRows, DataAccessException cause) {
		super("Bulk insert into " + table + " failed after partitions had committed " + committedRows
				+ " rows, which stay in the table: " + cause.getMessage(), cause);
		this.committedRows = committedRows;
	}

	/** The rows written by the partitions that committed before the failure. */
	public long committedRows() {
		return this.committedRows;
	}

}
