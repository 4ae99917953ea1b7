package io.databridge.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * One library (or way of using one) that runs the workloads. Contenders are found with
 * {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.databridge.benchmarks.Contender}), so plugging one in means
 * adding one class and one line there. Each contender runs in a JVM of its own
 * ({@link ContenderMain}); an instance is used by one thread.
 */
public interface Contender extends AutoCloseable {

	/**
	 * The {@link #skipReason} of a workload or size that the contender does not take part
	 * in by design (a write-only contender's reads, a variant's small sizes): such skips
	 * are left out of the report.
	 */
	String NOT_APPLICABLE = "not applicable";

	/**
	 * The short name used on the command line and in the results, e.g. {@code jdbc}.
	 * @return the name
	 */
	String name();

	/**
	 * What exactly this contender does, for the results' legend.
	 * @return a one-line description
	 */
	String description();

	/**
	 * Where this contender sits in the results: lower first. data-bridge contenders come
	 * first.
	 * @return the order
	 */
	default int order() {
		return 100;
	}

	/**
	 * Whether this contender needs the PostgreSQL server to read files written by this
	 * machine (server-side COPY); the runner skips it, with a message, when the server
	 * cannot.
	 * @return true when it needs server-readable files
	 */
	default boolean needsServerFiles() {
		return false;
	}

	/**
	 * Why this contender does not run a workload at a size.
	 * @param workload the workload
	 * @param size the size
	 * @return {@code null} when it runs it, else the reason shown in the results
	 */
	@Nullable String skipReason(Workload workload, int size);

	/**
	 * Connects and builds whatever the contender needs (pools, Spring contexts, session
	 * factories). Untimed.
	 * @param environment the database and settings
	 * @throws Exception when setting up fails
	 */
	void open(BenchEnvironment environment) throws Exception;

	/**
	 * Prepares one operation (untimed): e.g. empties the table and builds the entities to
	 * insert.
	 * @param input the workload's input
	 * @return the operation
	 * @throws Exception when preparing fails
	 */
	Iteration prepare(WorkloadInput input) throws Exception;

	/** Releases pools and contexts. */
	@Override
	void close() throws Exception;

}
