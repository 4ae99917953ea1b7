/**
 * Internal: repository query methods. Derived queries ({@code PartTree}), {@code @Query}
 * methods, their parameter binding, result shaping and streaming. Every statement shape
 * is rendered once through {@link io.databridge.postgres.internal.sql.SqlRenderer} and
 * kept.
 */
@NullMarked
package io.databridge.postgres.internal.repository.query;

import org.jspecify.annotations.NullMarked;
