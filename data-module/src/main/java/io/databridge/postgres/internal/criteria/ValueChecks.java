package io.databridge.postgres.internal.criteria;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

import io.databridge.postgres.query.Operator;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.NumberUtils;

/**
 * Checks a value against the type of the property it is compared with, before any SQL is
 * sent. A value of the property's type passes as is; a number for a numeric property is
 * converted when that loses nothing (an {@code int} for a {@code long} column, not
 * {@code 1.5} for an {@code int} column); anything else fails naming the property and the
 * expected type.
 */
final class ValueChecks {

	private static final Set<Class<?>> INTEGRAL = Set.of(Byte.class, Short.class, Integer.class, Long.class,
			BigInteger.class);

	private ValueChecks() {
	}

	/**
	 * Returns the value as the target's type.
	 * @throws IllegalArgumentException naming the property and its type when the value
	 * does not fit
	 */
	static Object check(Target target, Operator operator, Object value) {
		Class<?> expected = target.type();
		if (expected == null || expected.isInstance(value)) {
			return value;
		}
		if (value instanceof Number number && Number.class.isAssignableFrom(expected)
				&& (!INTEGRAL.contains(expected) || INTEGRAL.contains(value.getClass()))) {
			try {
				return NumberUtils.convertNumberToTargetClass(number, expected.asSubclass(Number.class));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Value " + value + " of " + operator.method() + "(...) does not fit "
						+ "property '" + target.name() + "' of type " + expected.getName(), ex);
			}
		}
		throw wrongType(target, operator, expected.getName(), value);
	}

	static IllegalArgumentException wrongType(Target target, Operator operator, String expected, Object value) {
		return new IllegalArgumentException("Property '" + target.name() + "' expects " + expected + " values for "
				+ operator.method() + "(...), got " + value.getClass().getName() + " " + abbreviate(value));
	}

	/** Fails unless the target holds text (or is untyped). */
	static void requireText(Target target, Operator operator) {
		if (target.kind() == Target.Kind.SCALAR && target.type() != String.class) {
			throw unsupported(target, operator, "it applies to String properties");
		}
	}

	/**
	 * Fails unless the target's values are ordered the same way in Java and PostgreSQL.
	 */
	static void requireOrdered(Target target, Operator operator) {
		Class<?> type = target.type();
		if (target.kind() == Target.Kind.SCALAR && type != null
				&& (!Comparable.class.isAssignableFrom(type) || type.isEnum())) {
			throw unsupported(target, operator, "it applies to numbers, text, dates and times");
		}
	}

	static InvalidDataAccessApiUsageException unsupported(Target target, Operator operator, String hint) {
		return new InvalidDataAccessApiUsageException("Operator " + operator.method() + "(...) is not supported by "
				+ "property '" + target.name() + "' of type " + target.typeName() + "; " + hint);
	}

	/** A number as the {@code numeric} it is compared with inside a JSON document. */
	static BigDecimal decimal(Target target, Operator operator, Number number) {
		try {
			return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Value " + number + " of " + operator.method() + "(...) on '"
					+ target.name() + "' is not a finite number", ex);
		}
	}

	static String abbreviate(Object value) {
		String text = String.valueOf(value);
		return "'" + (text.length() <= 64 ? text : text.substring(0, 64) + "...") + "'";
	}

}
