/**
 * Mapping annotations and the naming strategy that turn Java types into PostgreSQL tables
 * and columns.
 */
@NullMarked
package io.databridge.postgres.mapping;

import org.jspecify.annotations.NullMarked;
