/**
 * Read replicas: a {@link io.databridge.postgres.routing.ReadRoutingDataSource} that
 * sends read-only work to streaming standbys and everything else to the primary, with a
 * replay lag limit, health probes and a fallback.
 * <p>
 * What goes where:
 * <ul>
 * <li>a {@code @Transactional(readOnly = true)} transaction: a replica (the connection is
 * taken at its first statement, when Spring has marked it read-only);</li>
 * <li>a repository read method ({@code find…}, {@code get…}, {@code count…},
 * {@code exists…}, {@code stream…}, {@code @Query} without {@code @Modifying}) called
 * outside a transaction: a replica;</li>
 * <li>everything in a read-write transaction, every write, {@code @BulkInsert}, and any
 * other use of the DataSource: the primary;</li>
 * <li>{@link io.databridge.postgres.routing.PrimaryRead @PrimaryRead} on a repository
 * method or interface, or {@link io.databridge.postgres.routing.ReadRouting#onPrimary},
 * forces the primary for a read.</li>
 * </ul>
 * Each decision is logged at debug level on the logger {@code io.databridge.routing}.
 */
@NullMarked
package io.databridge.postgres.routing;

import org.jspecify.annotations.NullMarked;
