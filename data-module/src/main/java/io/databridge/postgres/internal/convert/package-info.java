/**
 * Internal: value conversion and row mappers built once per type.
 */
@NullMarked
package io.databridge.postgres.internal.convert;

import org.jspecify.annotations.NullMarked;
