package io.databridge.postgres.internal.criteria;

import io.databridge.postgres.query.Operator;

import org.springframework.util.ClassUtils;

/**
 * Turns the operand of a {@code jsonb} containment into JSON text: a {@code String} is
 * taken as JSON already, anything else is written with Jackson's shared
 * {@code JsonMapper} when Jackson is on the class path.
 */
final class JsonValues {

	private static final boolean JACKSON = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			JsonValues.class.getClassLoader());

	private JsonValues() {
	}

	/**
	 * The value as JSON text.
	 * @throws IllegalArgumentException when it cannot be written
	 */
	static String toJson(Target target, Operator operator, Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (!JACKSON) {
			throw new IllegalArgumentException("Property '" + target.name() + "' needs JSON text for "
					+ operator.method() + "(...): pass a String, or add Jackson (tools.jackson.core:jackson-databind)");
		}
		return Jackson.write(target, operator, value);
	}

	/** Kept apart so that Jackson is loaded only when present. */
	private static final class Jackson {

		static String write(Target target, Operator operator, Object value) {
			try {
				return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(value);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON for "
						+ operator.method() + "(...) on property '" + target.name() + "'", ex);
			}
		}

	}

}
