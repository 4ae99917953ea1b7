package io.databridge.postgres.routing;

/**
 * Where one connection went and why, as reported to a {@link RoutingListener}.
 *
 * @param target {@code "primary"}, or the URL of the replica
 * @param replica whether the target is a replica
 * @param reason why, e.g. {@code "read-only transaction"} or
 * {@code "fallback: no usable replica"}
 */
public record RoutingDecision(String target, boolean replica, String reason) {

	/** The target name of the primary. */
	public static final String PRIMARY = "primary";

}
