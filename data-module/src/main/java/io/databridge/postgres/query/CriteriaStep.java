package io.databridge.postgres.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import io.databridge.postgres.query.CriteriaNode.Path;
import io.databridge.postgres.query.CriteriaNode.Predicate;

import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.util.Assert;

/**
 * The second half of a condition: a property has been named, an operator completes it.
 * Every method returns a new {@link Criteria}; values must not be {@code null} and are
 * checked against the property's type when the criteria is used. Operator names follow
 * Spring Data Relational's {@code Criteria} where it has one. Immutable and thread-safe.
 */
public final class CriteriaStep {

	private final Criteria base;

	private final Path path;

	private final boolean or;

	CriteriaStep(Criteria base, Path path, boolean or) {
		this.base = base;
		this.path = path;
		this.or = or;
	}

	private Criteria with(Operator operator, List<Object> values) {
		return this.base.append(new Predicate(this.path, operator, values, false), this.or);
	}

	private Criteria with(Operator operator, Object... values) {
		return with(operator, CriteriaNode.values(operator, values));
	}

	/** Equal to the value ({@code =}); see {@link Criteria#ignoreCase(boolean)}. */
	public Criteria is(Object value) {
		return with(Operator.IS, value);
	}

	/** Not equal to the value ({@code <>}; NULLs do not match). */
	public Criteria not(Object value) {
		return with(Operator.NOT, value);
	}

	/** Less than the value. */
	public Criteria lessThan(Object value) {
		return with(Operator.LESS_THAN, value);
	}

	/** Less than or equal to the value. */
	public Criteria lessThanOrEquals(Object value) {
		return with(Operator.LESS_THAN_OR_EQUALS, value);
	}

	/** Greater than the value. */
	public Criteria greaterThan(Object value) {
		return with(Operator.GREATER_THAN, value);
	}

	/** Greater than or equal to the value. */
	public Criteria greaterThanOrEquals(Object value) {
		return with(Operator.GREATER_THAN_OR_EQUALS, value);
	}

	/** Between two values, both included. */
	public Criteria between(Object low, Object high) {
		return with(Operator.BETWEEN, low, high);
	}

	/** Equal to one of the values; an empty collection matches nothing. */
	public Criteria in(Collection<?> values) {
		return with(Operator.IN, elements(Operator.IN, values));
	}

	/** Equal to one of the values; no values match nothing. */
	public Criteria in(Object... values) {
		return in(Arrays.asList(values));
	}

	/**
	 * Different from all of the values; an empty collection matches every row, even
	 * NULLs.
	 */
	public Criteria notIn(Collection<?> values) {
		return with(Operator.NOT_IN, elements(Operator.NOT_IN, values));
	}

	/** Different from all of the values. */
	public Criteria notIn(Object... values) {
		return notIn(Arrays.asList(values));
	}

	/** The property (or JSON path) is NULL. */
	public Criteria isNull() {
		return with(Operator.IS_NULL, List.of());
	}

	/** The property (or JSON path) is not NULL. */
	public Criteria isNotNull() {
		return with(Operator.IS_NOT_NULL, List.of());
	}

	/** A boolean property is true. */
	public Criteria isTrue() {
		return with(Operator.IS_TRUE, List.of());
	}

	/** A boolean property is false (NULL does not match). */
	public Criteria isFalse() {
		return with(Operator.IS_FALSE, List.of());
	}

	/**
	 * Matches a LIKE pattern, given as is: {@code %}, {@code _} and the escape {@code \}
	 * keep their meaning.
	 */
	public Criteria like(String pattern) {
		return with(Operator.LIKE, pattern);
	}

	/** Does not match a LIKE pattern. */
	public Criteria notLike(String pattern) {
		return with(Operator.NOT_LIKE, pattern);
	}

	/** Matches a LIKE pattern case-insensitively ({@code ILIKE}). */
	public Criteria ilike(String pattern) {
		return with(Operator.ILIKE, pattern);
	}

	/**
	 * Starts with the text, taken literally ({@code %}, {@code _} and {@code \} are
	 * escaped).
	 */
	public Criteria startsWith(String prefix) {
		return with(Operator.STARTS_WITH, prefix);
	}

	/** Ends with the text, taken literally. */
	public Criteria endsWith(String suffix) {
		return with(Operator.ENDS_WITH, suffix);
	}

	/**
	 * Containment. On a {@code String} property (or a JSON path compared with a
	 * {@code String}): the text occurs in it, taken literally. On an array or collection
	 * property: the array contains every given element ({@code @>}; pass a collection, an
	 * array or one element). On a {@code @Jsonb} property or a JSON path: the document
	 * contains the given JSON ({@code @>}; pass JSON text, or an object that Jackson
	 * serializes).
	 */
	public Criteria contains(Object value) {
		return with(Operator.CONTAINS, flatten(Operator.CONTAINS, value));
	}

	/** Matches a POSIX regular expression ({@code ~}). */
	public Criteria matches(String regex) {
		return with(Operator.MATCHES, regex);
	}

	/** A {@code @Jsonb} property (or JSON path) is an object with this top-level key. */
	public Criteria hasKey(String key) {
		return with(Operator.HAS_KEY, key);
	}

	/** An array property shares at least one element with the given ones ({@code &&}). */
	public Criteria overlaps(Collection<?> elements) {
		return with(Operator.OVERLAPS, List.of(List.copyOf(elements(Operator.OVERLAPS, elements))));
	}

	/** An array property has an element equal to the value ({@code ? = ANY(array)}). */
	public Criteria anyEquals(Object element) {
		return with(Operator.ANY_EQUALS, element);
	}

	/**
	 * Full-text search with the {@code simple} configuration:
	 * {@code to_tsvector('simple', x) @@
	 * websearch_to_tsquery('simple', query)}.
	 */
	public Criteria textSearch(String query) {
		return textSearch("simple", query);
	}

	/**
	 * Full-text search with a text search configuration such as {@code english}, bound as
	 * {@code ?::regconfig}; the query uses web-search syntax
	 * ({@code "quoted phrase" -not or}).
	 */
	public Criteria textSearch(String config, String query) {
		return with(Operator.TEXT_SEARCH, config, query);
	}

	/**
	 * A vector property (a {@code Vector} or {@code @VectorColumn float[]}) near a
	 * vector: at most {@code score} away by the score's metric ({@code Score.of(0.3,
	 * ScoringFunction.cosine())} keeps cosine distances up to 0.3), or, for a
	 * {@link Similarity}, at least that similar. Euclidean when the score names no
	 * metric. Combine with {@link Query#orderByDistance} for the nearest first.
	 */
	public Criteria near(Vector vector, Score score) {
		Assert.notNull(vector, "Vector of near(...) must not be null");
		Assert.notNull(score, "Score of near(...) must not be null");
		return with(Operator.NEAR, vector, score);
	}

	/**
	 * A vector property whose distance from a vector lies in a range of scores, or whose
	 * similarity lies in a range of similarities ({@code Similarity.between(0.8, 1.0,
	 * ScoringFunction.cosine())}).
	 */
	public Criteria within(Vector vector, Range<? extends Score> range) {
		Assert.notNull(vector, "Vector of within(...) must not be null");
		Assert.notNull(range, "Range of within(...) must not be null");
		return with(Operator.WITHIN, vector, range);
	}

	private static List<Object> elements(Operator operator, Collection<?> values) {
		Assert.notNull(values, () -> "Values of " + operator.method() + "(...) must not be null");
		List<Object> list = new ArrayList<>(values.size());
		for (Object value : values) {
			Assert.notNull(value, () -> "Values of " + operator.method() + "(...) must not contain null");
			list.add(value);
		}
		return Collections.unmodifiableList(list);
	}

	/**
	 * A collection or array operand becomes one list value; anything else stays as is.
	 */
	private static Object flatten(Operator operator, Object value) {
		Assert.notNull(value, () -> "Value of " + operator.method() + "(...) must not be null");
		if (value instanceof Collection<?> collection) {
			return List.copyOf(elements(operator, collection));
		}
		if (value instanceof Object[] array) {
			return List.copyOf(elements(operator, Arrays.asList(array)));
		}
		return value;
	}

}
