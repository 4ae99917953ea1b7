/**
 * Internal: binary COPY encoding, partitioning and execution.
 */
@NullMarked
package io.databridge.postgres.internal.bulk;

import org.jspecify.annotations.NullMarked;
