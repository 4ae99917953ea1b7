/**
 * Internal: the read-routing intent of the current thread, which repositories state and
 * the router in {@code io.databridge.postgres.routing} reads. The probe and the router
 * live there, package-private, because they work on that package's public value types.
 */
@NullMarked
package io.databridge.postgres.internal.routing;

import org.jspecify.annotations.NullMarked;
