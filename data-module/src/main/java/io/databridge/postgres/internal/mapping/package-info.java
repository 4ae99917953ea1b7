/**
 * Internal: mapping metadata (entities, properties, column names) built on Spring Data's
 * mapping context.
 */
@NullMarked
package io.databridge.postgres.internal.mapping;

import org.jspecify.annotations.NullMarked;
