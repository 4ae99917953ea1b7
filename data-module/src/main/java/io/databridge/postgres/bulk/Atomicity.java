package io.databridge.postgres.bulk;

/**
 * Whether a parallel bulk insert is all-or-nothing.
 */
public enum Atomicity {

	/** Use the configured default ({@link BulkSettings#isAtomic()}). */
	DEFAULT,

	/**
	 * All rows or none: parallel partitions copy into an unlogged staging table that one transaction then moves into
	 * the table. Costs a second write of every row, and the database user needs the CREATE privilege on the table's
	 * schema. A single COPY (below the threshold, in a transaction, or with parallelism 1) is atomic by itself.
	 */
	ALL_OR_NOTHING,

	/**
	 * Each partition copies straight into the table and commits on its own. Faster, but when one partition fails the
	 * rows of the partitions that already committed stay in the table.
	 */
	PER_PARTITION
}
