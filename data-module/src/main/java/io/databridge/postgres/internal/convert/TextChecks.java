package io.databridge.postgres.internal.convert;

/**
 * Refuses text PostgreSQL cannot store as it was given, instead of letting the driver
 * replace a lone UTF-16 surrogate with {@code ?} or the server reject a NUL without
 * naming the column: the {@link IllegalArgumentException} says what and where, and
 * {@link PropertyCodec} adds the column.
 */
final class TextChecks {

	private TextChecks() {
	}

	/**
	 * Returns the text if PostgreSQL can store it as it is.
	 * @throws IllegalArgumentException for a NUL character or a lone surrogate
	 */
	static String text(String value) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == 0) {
				throw nul(i);
			}
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else {
					throw loneSurrogate(c, i);
				}
			}
		}
		return value;
	}

	/**
	 * Returns JSON text if {@code jsonb} can store it: valid Unicode and no
	 * {@code \u0000} escape (which {@code jsonb} cannot convert to text).
	 * @throws IllegalArgumentException naming the problem
	 */
	static String json(String json, boolean jsonb) {
		text(json);
		if (jsonb) {
			int at = escapedNul(json);
			if (at >= 0) {
				throw new IllegalArgumentException("JSON text contains a NUL character (\\u0000 escape at index " + at
						+ "), which jsonb cannot store; use a json column or remove it");
			}
		}
		return json;
	}

	private static int escapedNul(String json) {
		for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
			int backslashes = 0;
			for (int i = at; i >= 0 && json.charAt(i) == '\\'; i--) {
				backslashes++;
			}
			if (backslashes % 2 == 1) {
				return at;
			}
		}
		return -1;
	}

	static IllegalArgumentException nul(int index) {
		return new IllegalArgumentException("Text contains a NUL character (U+0000) at index " + index
				+ ", which PostgreSQL cannot store in text; use bytea or remove it");
	}

	static IllegalArgumentException loneSurrogate(char c, int index) {
		return new IllegalArgumentException(String.format(
				"Text contains a lone UTF-16 surrogate U+%04X at index %d, which is not valid Unicode and cannot be stored",
				(int) c, index));
	}

}
