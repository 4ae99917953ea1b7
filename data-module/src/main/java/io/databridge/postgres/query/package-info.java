/**
 * The immutable, type-safe Criteria DSL: {@code Criteria}, {@code Query} and
 * {@code Update}.
 */
@NullMarked
package io.databridge.postgres.query;

import org.jspecify.annotations.NullMarked;
