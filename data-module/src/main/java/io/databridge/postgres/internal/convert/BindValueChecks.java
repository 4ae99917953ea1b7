package io.databridge.postgres.internal.convert;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * The text checks of entity columns, for the values of queries (derived and
 * {@code @Query} arguments, Criteria and Update values, native query arguments): text
 * PostgreSQL cannot store as it is given, a NUL character or a lone UTF-16 surrogate,
 * fails before anything is sent, instead of the server's SQLSTATE 22021 or the driver's
 * silent {@code ?}. The callers add which parameter it was.
 */
public final class BindValueChecks {

	private BindValueChecks() {
	}

	/**
	 * Checks a value that is bound as text: a {@link String}, a {@link Character}, or the
	 * elements of an array or collection of them (other values pass).
	 * @param value the value
	 * @throws IllegalArgumentException naming what is wrong and where (the element's
	 * index for arrays and collections)
	 */
	public static void check(@Nullable Object value) {
		if (value instanceof String text) {
			TextChecks.text(text);
		}
		else if (value instanceof Character c) {
			TextChecks.text(String.valueOf(c.charValue()));
		}
		else if (value instanceof Object[] array) {
			for (int i = 0; i < array.length; i++) {
				element(i, array[i]);
			}
		}
		else if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				element(i++, element);
			}
		}
	}

	private static void element(int index, @Nullable Object element) {
		if (element instanceof String || element instanceof Character) {
			try {
				check(element);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("element " + index + ": " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Checks JSON text that is sent as {@code jsonb}: valid Unicode and no escaped NUL
	 * character.
	 * @param json the document's text
	 * @return the text
	 * @throws IllegalArgumentException naming the problem
	 */
	public static String jsonb(String json) {
		return TextChecks.json(json, true);
	}

}
