package io.databridge.benchmarks;

/**
 * One operation of a workload, prepared (untimed) by a {@link Contender}: {@link #run()}
 * is the only timed part; {@link #check()} runs after the clock stopped and reports what
 * the operation produced, for verification.
 */
public interface Iteration {

	/**
	 * Performs the measured operation once.
	 * @throws Exception when the operation fails
	 */
	void run() throws Exception;

	/**
	 * Reports what {@link #run()} produced (rows read, or rows now in the table for
	 * inserts).
	 * @return the row count and checksum
	 * @throws Exception when reading the result fails
	 */
	Check check() throws Exception;

}
