/**
 * Internal: translates {@link io.databridge.postgres.query.Criteria},
 * {@link io.databridge.postgres.query.Query} and
 * {@link io.databridge.postgres.query.Update} into {@code Sql} trees for one entity,
 * checking every property, operator and value against the mapping, and caches the
 * rendered text per shape.
 */
@NullMarked
package io.databridge.postgres.internal.criteria;

import org.jspecify.annotations.NullMarked;
