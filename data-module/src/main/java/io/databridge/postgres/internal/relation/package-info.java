/**
 * Internal: owned one-to-many collections (saved, replaced and deleted with their owner,
 * loaded with one query per collection for a whole list of owners) and lazy or
 * batch-fetched {@link io.databridge.postgres.mapping.Ref references} to other
 * aggregates.
 */
@NullMarked
package io.databridge.postgres.internal.relation;

import org.jspecify.annotations.NullMarked;
