package io.databridge.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * What a workload produced or must produce: a row count and an order-independent
 * {@link Checksum}.
 *
 * @param rows number of rows
 * @param checksum sum of the rows' hashes
 */
public record Check(long rows, long checksum) {

	/**
	 * Describes how this (actual) check differs from the expected one.
	 * @param expected the expected check
	 * @return {@code null} when equal, else a message for the report
	 */
	public @Nullable String mismatch(Check expected) {
		if (equals(expected)) {
			return null;
		}
		return "expected " + expected.rows() + " rows with checksum " + Long.toHexString(expected.checksum()) + ", got "
				+ this.rows + " rows with checksum " + Long.toHexString(this.checksum);
	}
}
