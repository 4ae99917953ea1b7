package io.databridge.postgres.query;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.query.CriteriaNode.Junction;
import io.databridge.postgres.query.CriteriaNode.Negation;
import io.databridge.postgres.query.CriteriaNode.Path;
import io.databridge.postgres.query.CriteriaNode.Predicate;

import org.springframework.data.core.TypedPropertyPath;
import org.springframework.util.Assert;

/**
 * A condition on an entity's properties, built fluently and checked against the mapping
 * when it is used:
 *
 * <pre class="code">
 * where(User::age).greaterThan(18).and(User::name).startsWith("A")
 * where("profile.city").is("Paris").or(where(User::active).isFalse().and(User::age).isNull())
 * </pre>
 *
 * <p>
 * Chained conditions follow SQL precedence: {@code and} binds tighter than {@code or}, so
 * {@code a.or(b).and(c)} means {@code a OR (b AND c)}. A criteria passed to
 * {@link #and(Criteria)} or {@link #or(Criteria)} is one parenthesised group, and
 * {@link #not()} negates everything built so far.
 *
 * <p>
 * Properties are named by method references (record components {@code User::age} or bean
 * getters {@code User::getAge}, resolved once through Spring Data's
 * {@link TypedPropertyPath} and cached there) or by strings; {@code "profile.city"}
 * reaches into a {@code @Jsonb} property. A criteria knows no entity type: names, value
 * types and operators are checked against the entity's mapping when it is executed,
 * before any SQL is sent.
 *
 * <p>
 * Immutable and thread-safe; equal by structure (properties, operators and values). Its
 * {@link #toString()} shows the SQL shape with {@code ?} placeholders. Values must not be
 * {@code null}; use {@link CriteriaStep#isNull()}.
 */
public final class Criteria {

	private static final Criteria EMPTY = new Criteria(List.of());

	/** OR of ANDs: the chain as the reader wrote it, before precedence is applied. */
	private final List<List<CriteriaNode>> terms;

	private final CriteriaNode root;

	private Criteria(List<List<CriteriaNode>> terms) {
		this.terms = terms;
		this.root = rootOf(terms);
	}

	/** A criteria that matches every row. */
	public static Criteria empty() {
		return EMPTY;
	}

	/**
	 * Starts a criteria on a property given by name or dotted path.
	 * @param path a property name, or {@code jsonbProperty.key[.key...]}
	 * @throws IllegalArgumentException when the path is blank or malformed
	 */
	public static CriteriaStep where(String path) {
		return EMPTY.and(path);
	}

	/**
	 * Starts a criteria on a property given by a method reference such as
	 * {@code User::age}.
	 * @throws IllegalArgumentException when the reference is not a property accessor
	 */
	public static <T> CriteriaStep where(TypedPropertyPath<T, ?> property) {
		return EMPTY.and(property);
	}

	/** {@code NOT (criteria)}. */
	public static Criteria not(Criteria criteria) {
		Assert.notNull(criteria, "Criteria must not be null");
		return criteria.not();
	}

	/** Adds a condition joined with AND (binding tighter than OR). */
	public CriteriaStep and(String path) {
		return new CriteriaStep(this, path(path), false);
	}

	/** Adds a condition joined with AND (binding tighter than OR). */
	public <T> CriteriaStep and(TypedPropertyPath<T, ?> property) {
		return new CriteriaStep(this, path(property), false);
	}

	/** Adds a condition joined with OR. */
	public CriteriaStep or(String path) {
		return new CriteriaStep(this, path(path), true);
	}

	/** Adds a condition joined with OR. */
	public <T> CriteriaStep or(TypedPropertyPath<T, ?> property) {
		return new CriteriaStep(this, path(property), true);
	}

	/** {@code this AND (group)}; an empty group changes nothing. */
	public Criteria and(Criteria group) {
		Assert.notNull(group, "Criteria must not be null");
		return group.isEmpty() ? this : append(group.root, false);
	}

	/** {@code this OR (group)}; an empty group changes nothing. */
	public Criteria or(Criteria group) {
		Assert.notNull(group, "Criteria must not be null");
		return group.isEmpty() ? this : append(group.root, true);
	}

	/** {@code NOT (this)}; the negation of an empty criteria matches nothing. */
	public Criteria not() {
		return new Criteria(List.of(List.of(new Negation(this.root))));
	}

	/**
	 * Makes the last condition compare text case-insensitively
	 * ({@code lower(x) = lower(?)}, {@code ILIKE}, {@code ~*}). Applies to {@code is},
	 * {@code not}, {@code like}, {@code startsWith}, {@code endsWith}, {@code contains}
	 * and {@code matches} on text. Case mapping is PostgreSQL's, by collation: for a
	 * column declared with a collation other than the database default, {@code lower(?)}
	 * of the value still uses the default one.
	 * @throws IllegalStateException when the last part is not a single condition
	 */
	public Criteria ignoreCase(boolean ignoreCase) {
		List<CriteriaNode> last = this.terms.isEmpty() ? List.of() : this.terms.get(this.terms.size() - 1);
		if (last.isEmpty() || !(last.get(last.size() - 1) instanceof Predicate predicate)) {
			throw new IllegalStateException("ignoreCase(...) must follow a condition such as is(...) or like(...)");
		}
		List<CriteriaNode> replaced = new ArrayList<>(last);
		replaced.set(replaced.size() - 1, predicate.withIgnoreCase(ignoreCase));
		List<List<CriteriaNode>> terms = new ArrayList<>(this.terms);
		terms.set(terms.size() - 1, List.copyOf(replaced));
		return new Criteria(List.copyOf(terms));
	}

	/** Whether this criteria has no condition (and matches every row). */
	public boolean isEmpty() {
		return this.terms.isEmpty();
	}

	/**
	 * The condition tree, with AND taking precedence over OR; an empty criteria is an
	 * empty AND.
	 */
	public CriteriaNode root() {
		return this.root;
	}

	Criteria append(CriteriaNode node, boolean or) {
		List<List<CriteriaNode>> terms = new ArrayList<>(this.terms);
		if (terms.isEmpty() || or) {
			terms.add(List.of(node));
		}
		else {
			List<CriteriaNode> last = new ArrayList<>(terms.get(terms.size() - 1));
			last.add(node);
			terms.set(terms.size() - 1, List.copyOf(last));
		}
		return new Criteria(List.copyOf(terms));
	}

	private static CriteriaNode rootOf(List<List<CriteriaNode>> terms) {
		List<CriteriaNode> disjuncts = new ArrayList<>(terms.size());
		for (List<CriteriaNode> term : terms) {
			disjuncts.add(term.size() == 1 ? term.get(0) : new Junction(false, term));
		}
		if (disjuncts.size() == 1) {
			return disjuncts.get(0);
		}
		return disjuncts.isEmpty() ? new Junction(false, List.of()) : new Junction(true, disjuncts);
	}

	static Path path(String path) {
		Assert.notNull(path, "Property path must not be null");
		return new Path(path, null);
	}

	static Path path(TypedPropertyPath<?, ?> property) {
		Assert.notNull(property, "Property must not be null");
		TypedPropertyPath<?, ?> resolved;
		try {
			resolved = TypedPropertyPath.of(property);
			return new Path(resolved.toDotPath(), resolved.getOwningType().getType());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Cannot resolve a property from " + property
					+ "; use a method reference to a record component or getter such as User::name", ex);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Criteria that && this.root.equals(that.root);
	}

	@Override
	public int hashCode() {
		return this.root.hashCode();
	}

	/**
	 * The SQL shape with {@code ?} placeholders, e.g.
	 * {@code "age" > ? AND "name" LIKE ?}.
	 */
	@Override
	public String toString() {
		return isEmpty() ? "TRUE" : CriteriaFormat.provided().format(this.root);
	}

}
