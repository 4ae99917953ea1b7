/**
 * Internal: the schema model, derived from the mapping and read from the catalog, their
 * comparison, and the migration script that closes the differences.
 */
@NullMarked
package io.databridge.postgres.internal.schema;

import org.jspecify.annotations.NullMarked;
