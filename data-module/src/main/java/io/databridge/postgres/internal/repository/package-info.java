/**
 * Internal: repository factory, base repository and query lookup.
 */
@NullMarked
package io.databridge.postgres.internal.repository;

import org.jspecify.annotations.NullMarked;
