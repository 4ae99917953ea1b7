package io.databridge.postgres.query;

/**
 * The operators of a {@link Criteria} condition, named after the {@link CriteriaStep}
 * method that creates them. Which SQL an operator becomes depends on the property it is
 * applied to (a {@code contains} on a {@code String} is a {@code LIKE}, on an array or a
 * {@code jsonb} document it is {@code @>}); an operator the property's type does not
 * support fails when the criteria is used, naming the property.
 */
public enum Operator {

	/** Equality; {@code lower(x) = lower(?)} when ignoring case. */
	IS("is"),
	/** Inequality ({@code <>}, so rows where the property is NULL do not match). */
	NOT("not"),
	/** {@code <}. */
	LESS_THAN("lessThan"),
	/** {@code <=}. */
	LESS_THAN_OR_EQUALS("lessThanOrEquals"),
	/** {@code >}. */
	GREATER_THAN("greaterThan"),
	/** {@code >=}. */
	GREATER_THAN_OR_EQUALS("greaterThanOrEquals"),
	/** {@code BETWEEN low AND high}, both bounds included. */
	BETWEEN("between"),
	/** {@code = ANY(?)} with one bound array. */
	IN("in"),
	/** {@code <> ALL(?)} with one bound array. */
	NOT_IN("notIn"),
	/** {@code IS NULL}. */
	IS_NULL("isNull"),
	/** {@code IS NOT NULL}. */
	IS_NOT_NULL("isNotNull"),
	/** A boolean property that is true. */
	IS_TRUE("isTrue"),
	/** A boolean property that is false. */
	IS_FALSE("isFalse"),
	/**
	 * {@code LIKE} with the caller's pattern ({@code %}, {@code _} and {@code \} keep
	 * their meaning).
	 */
	LIKE("like"),
	/** {@code NOT LIKE}. */
	NOT_LIKE("notLike"),
	/** {@code ILIKE}. */
	ILIKE("ilike"),
	/** Starts with a literal text. */
	STARTS_WITH("startsWith"),
	/** Ends with a literal text. */
	ENDS_WITH("endsWith"),
	/** Text containment for strings; {@code @>} for arrays and {@code jsonb}. */
	CONTAINS("contains"),
	/** POSIX regular expression match ({@code ~}, or {@code ~*} when ignoring case). */
	MATCHES("matches"),
	/** A {@code jsonb} object has a top-level key ({@code jsonb_exists}). */
	HAS_KEY("hasKey"),
	/** Arrays share an element ({@code &&}). */
	OVERLAPS("overlaps"),
	/** An array has an element equal to the value ({@code ? = ANY(array)}). */
	ANY_EQUALS("anyEquals"),
	/**
	 * Full-text search:
	 * {@code to_tsvector(config, x) @@ websearch_to_tsquery(config, ?)}.
	 */
	TEXT_SEARCH("textSearch"),
	/**
	 * A vector property at most a score's distance from a vector (a {@code Similarity}:
	 * at least that similar), by the score's metric: {@code x <-> ? <= ?}.
	 */
	NEAR("near"),
	/**
	 * A vector property at a distance from a vector inside a range of scores or
	 * similarities: {@code x <-> ? BETWEEN ? AND ?}.
	 */
	WITHIN("within");

	private final String method;

	Operator(String method) {
		this.method = method;
	}

	/**
	 * The name of the {@link CriteriaStep} method that creates this operator, for
	 * messages.
	 */
	public String method() {
		return this.method;
	}

}
