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

	/**
	 * The time of the last {@link #run()} as measured by the contender itself, for a
	 * contender that runs in another process (asyncpg) and whose own clock excludes the
	 * hand-over between processes; negative (the default) to use the wall time measured
	 * around {@code run()}.
	 * @return nanoseconds, or -1
	 */
	default long reportedNanos() {
		return -1;
	}

	/**
	 * The CPU time of the last {@link #run()} in the contender's own process, when it
	 * runs in another one; negative (the default) to use this JVM's process CPU time.
	 * @return nanoseconds, or -1
	 */
	default long reportedCpuNanos() {
		return -1;
	}

}
