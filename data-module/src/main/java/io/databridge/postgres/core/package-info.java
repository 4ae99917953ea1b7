/**
 * {@code PgOperations} and {@code PgTemplate}: the operations API, usable without
 * repositories.
 */
@NullMarked
package io.databridge.postgres.core;

import org.jspecify.annotations.NullMarked;
