/**
 * Internal: the read-routing intent of the current thread, the replica set with its
 * health and lag probe, and the router that picks a connection's target.
 */
@NullMarked
package io.databridge.postgres.internal.routing;

import org.jspecify.annotations.NullMarked;
