package io.databridge.postgres.routing;

/**
 * What a read does when no replica is usable (all unreachable, lagging or not standbys).
 */
public enum ReplicaFallback {

	/** Run the read on the primary (the default). */
	PRIMARY,

	/**
	 * Fail the read: taking the connection throws, naming each replica and why it is out
	 * of rotation. Spring's {@code DataSourceUtils} reports it as a
	 * {@code CannotGetJdbcConnectionException}.
	 */
	FAIL

}
