package io.databridge.postgres.internal.criteria;

import java.util.List;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

/**
 * What a criteria path names once resolved: a column of some kind, and for JSON paths the
 * keys to follow inside the document.
 *
 * @param name the path as written, qualified by the entity when there is one, for
 * messages
 * @param kind what the column holds
 * @param column the column
 * @param jsonKeys the keys below the column ({@link Kind#JSON_PATH} only)
 * @param type the boxed Java type of a scalar, or of an array's elements; {@code null}
 * when unknown
 * @param codec the codec of a scalar or of an array's elements; {@code null} when unknown
 * @param property the mapped property; {@code null} when formatting without an entity
 */
record Target(String name, Kind kind, Sql.Column column, List<String> jsonKeys, @Nullable Class<?> type,
		@Nullable ValueCodec codec, @Nullable PgPersistentProperty property) {

	/** What a target holds, which decides the operators it supports. */
	enum Kind {

		/** One value per column, with a codec. */
		SCALAR,
		/** A PostgreSQL array of scalars. */
		ARRAY,
		/** A {@code jsonb} document. */
		JSON,
		/** A value inside a {@code jsonb} document. */
		JSON_PATH,
		/** A property of no known entity (for {@code toString()}): nothing is checked. */
		UNTYPED

	}

	/** A description of the type for messages. */
	String typeName() {
		return switch (this.kind) {
			case SCALAR -> this.type == null ? "?" : this.type.getName();
			case ARRAY -> "array of " + (this.type == null ? "?" : this.type.getName());
			case JSON -> "jsonb";
			case JSON_PATH -> "jsonb path";
			case UNTYPED -> "unknown";
		};
	}
}
