/**
 * Internal: per-entity statements rendered once, and the value extraction they bind.
 */
@NullMarked
package io.databridge.postgres.internal.core;

import org.jspecify.annotations.NullMarked;
