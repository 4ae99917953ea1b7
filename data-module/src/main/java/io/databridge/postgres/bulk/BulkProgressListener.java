package io.databridge.postgres.bulk;

/**
 * Told how many rows each partition of a bulk insert has sent. Called from the
 * partitions' threads, concurrently, after each chunk; implementations must be
 * thread-safe and quick, and an exception they throw fails the insert. Rows sent are not
 * yet committed: an all-or-nothing insert that fails afterwards writes none of them.
 */
@FunctionalInterface
public interface BulkProgressListener {

	/** A listener that does nothing. */
	BulkProgressListener NONE = (table, partition, rows) -> {
	};

	/**
	 * Reports rows sent.
	 * @param table the target table
	 * @param partition the partition number, from 0
	 * @param rows the rows sent since the partition's previous report
	 */
	void rowsWritten(String table, int partition, int rows);

}
