package io.databridge.postgres.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One node of a {@link Criteria} tree, as read by the code that translates criteria to
 * SQL: a {@link Predicate} on a property, an AND/OR {@link Junction}, or a
 * {@link Negation}. Nodes are immutable and compare by structure (values included; arrays
 * by content).
 */
public sealed interface CriteriaNode permits CriteriaNode.Predicate, CriteriaNode.Junction, CriteriaNode.Negation {

	/**
	 * A property path: a property name, or {@code property.key.key} into a {@code @Jsonb}
	 * property. A path from a method reference remembers its declaring type, so it is not
	 * equal to the same path given as a string, and it is rejected when used with an
	 * unrelated entity.
	 *
	 * @param dotPath the path, never empty
	 * @param declaringType the type a method reference was declared on, or {@code null}
	 * for a string path
	 */
	record Path(String dotPath, @Nullable Class<?> declaringType) {

		public Path {
			Objects.requireNonNull(dotPath, "Property path must not be null");
			if (dotPath.isBlank() || dotPath.startsWith(".") || dotPath.endsWith(".") || dotPath.contains("..")) {
				throw new IllegalArgumentException("Invalid property path '" + dotPath + "'");
			}
		}

		/** The path's segments. */
		public List<String> segments() {
			return List.of(this.dotPath.split("\\."));
		}

		@Override
		public String toString() {
			return this.dotPath;
		}
	}

	/**
	 * A condition on one property.
	 *
	 * @param path the property
	 * @param operator the operator
	 * @param values its operands in order: none, one, two for {@code between} and
	 * {@code textSearch} (config, query), the elements for {@code in}/{@code notIn};
	 * never {@code null}
	 * @param ignoreCase whether text is compared case-insensitively
	 */
	record Predicate(Path path, Operator operator, List<Object> values, boolean ignoreCase) implements CriteriaNode {

		public Predicate {
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(operator, "operator");
			values = List.copyOf(values);
		}

		/** A copy with the given case sensitivity. */
		public Predicate withIgnoreCase(boolean value) {
			return new Predicate(this.path, this.operator, this.values, value);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Predicate that && this.path.equals(that.path) && this.operator == that.operator
					&& this.ignoreCase == that.ignoreCase
					&& Arrays.deepEquals(this.values.toArray(), that.values.toArray());
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.path, this.operator, this.ignoreCase, Arrays.deepHashCode(this.values.toArray()));
		}
	}

	/**
	 * Several conditions joined by AND or OR; an empty AND is true, an empty OR false.
	 *
	 * @param or {@code true} for OR
	 * @param parts the conditions
	 */
	record Junction(boolean or, List<CriteriaNode> parts) implements CriteriaNode {

		public Junction {
			parts = List.copyOf(parts);
		}
	}

	/**
	 * {@code NOT (part)}.
	 *
	 * @param part the negated condition
	 */
	record Negation(CriteriaNode part) implements CriteriaNode {

		public Negation {
			Objects.requireNonNull(part, "part");
		}
	}

	/**
	 * Copies values into an unmodifiable list, rejecting {@code null}s with a message
	 * naming the method.
	 */
	static List<Object> values(Operator operator, @Nullable Object... values) {
		List<Object> list = new ArrayList<>(values.length);
		for (Object value : values) {
			if (value == null) {
				throw new IllegalArgumentException(
						"Value of " + operator.method() + "(...) must not be null" + (operator == Operator.IS
								? "; use isNull()" : operator == Operator.NOT ? "; use isNotNull()" : ""));
			}
			list.add(value);
		}
		return Collections.unmodifiableList(list);
	}

}
