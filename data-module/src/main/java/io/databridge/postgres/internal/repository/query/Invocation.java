package io.databridge.postgres.internal.repository.query;

import org.jspecify.annotations.Nullable;

/**
 * The values of one call that bind markers read: the bindable arguments, and the limit,
 * offset and keyset values the call computed.
 *
 * @param arguments the bindable arguments, in declaration order
 * @param limit the row limit, when the statement has one
 * @param offset the row offset, when the statement has one
 * @param keyset the keyset values of a keyset scroll, in sort order
 */
record Invocation(@Nullable Object[] arguments, long limit, long offset, @Nullable Object[] keyset) {

	static final Object[] NONE = new Object[0];

	@Nullable Object argument(int index) {
		return this.arguments[index];
	}
}
