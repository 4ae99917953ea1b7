package io.databridge.postgres.internal.repository.query;

import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.databridge.postgres.internal.convert.ValueCodec;
import org.jspecify.annotations.Nullable;

/**
 * Where the value of one bind marker comes from and how it is bound: a method argument
 * (possibly turned into a LIKE pattern or a PostgreSQL array), the limit, the offset or a
 * keyset value. Immutable and thread-safe.
 *
 * @param source what kind of value
 * @param index the bindable-argument index, or the keyset index
 * @param codec the codec of the compared property (of its element type for arrays)
 * @param transform how the value is turned into the bound value
 */
record Slot(Source source, int index, ValueCodec codec, Transform transform) {

	/** Kinds of values. */
	enum Source {

		ARGUMENT, LIMIT, OFFSET, KEYSET

	}

	/** What is done to a value before binding. */
	enum Transform {

		NONE, STARTING_WITH, ENDING_WITH, CONTAINING, ARRAY, LOWER_CASE_ARRAY

	}

	/**
	 * What this slot binds, for the statement catalogue: the argument's name (or
	 * position) and its transform, or limit, offset or keyset.
	 */
	String describe(PgQueryMethod method) {
		return switch (this.source) {
			case LIMIT -> "limit";
			case OFFSET -> "offset";
			case KEYSET -> "keyset[" + this.index + "]";
			case ARGUMENT -> {
				String name = method.getParameters()
					.getBindableParameters()
					.getParameter(this.index)
					.getName()
					.orElse("?" + (this.index + 1));
				yield (this.transform == Transform.NONE) ? name
						: name + " (" + this.transform.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
			}
		};
	}

	static Slot argument(int index, ValueCodec codec, Transform transform) {
		return new Slot(Source.ARGUMENT, index, codec, transform);
	}

	void bind(PreparedStatement ps, int parameterIndex, Invocation invocation) throws SQLException {
		switch (this.source) {
			case LIMIT -> ps.setLong(parameterIndex, invocation.limit());
			case OFFSET -> ps.setLong(parameterIndex, invocation.offset());
			case KEYSET -> this.codec.bind(ps, parameterIndex, invocation.keyset()[this.index]);
			case ARGUMENT -> bindArgument(ps, parameterIndex, invocation.argument(this.index));
		}
	}

	private void bindArgument(PreparedStatement ps, int parameterIndex, @Nullable Object value) throws SQLException {
		switch (this.transform) {
			case NONE -> this.codec.bind(ps, parameterIndex, value);
			case STARTING_WITH -> this.codec.bind(ps, parameterIndex, value == null ? null : escapeLike(value) + "%");
			case ENDING_WITH -> this.codec.bind(ps, parameterIndex, value == null ? null : "%" + escapeLike(value));
			case CONTAINING ->
				this.codec.bind(ps, parameterIndex, value == null ? null : "%" + escapeLike(value) + "%");
			case ARRAY, LOWER_CASE_ARRAY -> bindArray(ps, parameterIndex, value);
		}
	}

	private void bindArray(PreparedStatement ps, int parameterIndex, @Nullable Object value) throws SQLException {
		if (value == null) {
			throw new IllegalArgumentException("The collection for an In/NotIn parameter must not be null");
		}
		Connection connection = ps.getConnection();
		Object[] elements = elements(value);
		if (this.transform == Transform.LOWER_CASE_ARRAY) {
			for (int i = 0; i < elements.length; i++) {
				if (elements[i] instanceof String text) {
					elements[i] = text.toLowerCase(Locale.ROOT);
				}
			}
		}
		ps.setArray(parameterIndex, connection.createArrayOf(this.codec.pgType(), elements));
	}

	/**
	 * The elements of a collection or array, enums as their names, ready for
	 * {@code createArrayOf}.
	 */
	static Object[] elements(Object value) {
		List<Object> list = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			list.addAll(collection);
		}
		else if (value.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(value); i++) {
				list.add(Array.get(value, i));
			}
		}
		else {
			list.add(value);
		}
		Object[] elements = list.toArray();
		for (int i = 0; i < elements.length; i++) {
			if (elements[i] instanceof Enum<?> e) {
				elements[i] = e.name();
			}
		}
		return elements;
	}

	/**
	 * Escapes the LIKE wildcards {@code %} and {@code _} and the escape character
	 * {@code \} itself, so the value matches literally; backslash is PostgreSQL's default
	 * LIKE escape.
	 */
	static String escapeLike(Object value) {
		String text = value.toString();
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '%' || c == '_') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}
}
