package io.databridge.postgres.internal.repository.query;

import org.springframework.core.ResolvableType;

/**
 * What the query creator knows about a bindable argument when it builds a statement
 * shape: its position, its declared type and whether this shape is for a {@code null}
 * value. Values never reach the creator, so a shape can be rendered once and reused for
 * every call.
 *
 * @param index the bindable-argument index
 * @param type the declared parameter type
 * @param isNull whether this shape treats the argument as {@code null}
 */
record ArgumentShape(int index, ResolvableType type, boolean isNull) {

	Class<?> rawType() {
		return this.type.toClass();
	}
}
