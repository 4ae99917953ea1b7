package io.databridge.postgres.routing;

/**
 * Told of every routing decision, on the thread that takes the connection, just before
 * the connection is taken: the hook for observation tags. Must be fast and must not
 * throw.
 */
@FunctionalInterface
public interface RoutingListener {

	/** Called for each connection the routing DataSource hands out. */
	void routed(RoutingDecision decision);

}
