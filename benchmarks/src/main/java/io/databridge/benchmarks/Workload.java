package io.databridge.benchmarks;

/** The workloads of DESIGN.md's performance yardsticks. */
public enum Workload {

	/** Insert n rows into an empty table. */
	INSERT("insert"),

	/** Select n consecutive rows by id range into objects. */
	SELECT_RANGE("select-range"),

	/** Look rows up one at a time by primary key, n lookups in sequence. */
	FIND_BY_ID("findById"),

	/** Stream every row of the read table into objects, without holding them all. */
	STREAM("stream");

	private final String key;

	Workload(String key) {
		this.key = key;
	}

	/**
	 * The name used on the command line and in the results.
	 * @return e.g. {@code select-range}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Parses a {@link #key()}.
	 * @param key the key
	 * @return the workload
	 * @throws IllegalArgumentException for an unknown key
	 */
	public static Workload of(String key) {
		for (Workload workload : values()) {
			if (workload.key.equals(key)) {
				return workload;
			}
		}
		throw new IllegalArgumentException("Unknown workload '" + key + "'");
	}

}
