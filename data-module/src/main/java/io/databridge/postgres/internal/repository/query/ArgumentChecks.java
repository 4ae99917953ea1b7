package io.databridge.postgres.internal.repository.query;

import io.databridge.postgres.internal.convert.BindValueChecks;
import org.jspecify.annotations.Nullable;

/**
 * Checks the text of a query method's bindable arguments before anything is sent, as
 * entity columns are checked: a NUL character or a lone surrogate fails naming the method
 * and the parameter.
 */
final class ArgumentChecks {

	private ArgumentChecks() {
	}

	/**
	 * Checks the first {@code count} bindable arguments of a call.
	 * @throws IllegalArgumentException naming the method and the parameter
	 */
	static void check(PgQueryMethod method, @Nullable Object[] bindable, int count) {
		for (int i = 0; i < count; i++) {
			try {
				BindValueChecks.check(bindable[i]);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(method.describe() + ": parameter '" + name(method, i) + "' (index "
						+ i + "): " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Checks the value of a {@code @Query}'s value expression ({@code :#{...}}).
	 * @param index the expression's index, in order of appearance
	 * @throws IllegalArgumentException naming the method and the expression
	 */
	static void checkExpression(PgQueryMethod method, int index, @Nullable Object value) {
		try {
			BindValueChecks.check(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					method.describe() + ": value expression " + (index + 1) + ": " + ex.getMessage(), ex);
		}
	}

	private static String name(PgQueryMethod method, int index) {
		return method.getParameters().getBindableParameters().getParameter(index).getName().orElse("?" + (index + 1));
	}

}
