package io.databridge.postgres.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.databridge.postgres.query.CriteriaNode.Path;
import org.jspecify.annotations.Nullable;

import org.springframework.data.core.TypedPropertyPath;
import org.springframework.util.Assert;

/**
 * The assignments of an UPDATE: set a property to a value, increment a numeric property,
 * or set one to NULL. Setting the same property again replaces the earlier assignment.
 * Values are checked against the property types when the update is executed, before any
 * SQL is sent.
 *
 * <pre class="code">
 * Update.update(User::name, "Ada").increment(User::logins, 1).setNull(User::lockedAt)
 * </pre>
 *
 * <p>
 * Immutable and thread-safe; equal by structure; {@link #toString()} shows the SET clause
 * with placeholders.
 */
public final class Update {

	/** What an assignment does. */
	public enum Kind {

		/** {@code x = ?}. */
		SET,
		/** {@code x = x + ?}. */
		INCREMENT,
		/** {@code x = NULL}. */
		SET_NULL

	}

	/**
	 * One assignment.
	 *
	 * @param path a top-level property
	 * @param kind what it does
	 * @param value the value; {@code null} only for {@link Kind#SET_NULL}
	 */
	public record Assignment(Path path, Kind kind, @Nullable Object value) {

		public Assignment {
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(kind, "kind");
		}
	}

	private static final Update EMPTY = new Update(List.of());

	private final List<Assignment> assignments;

	private Update(List<Assignment> assignments) {
		this.assignments = List.copyOf(assignments);
	}

	/** An update that sets one property; a {@code null} value sets it to NULL. */
	public static Update update(String property, @Nullable Object value) {
		return EMPTY.set(property, value);
	}

	/** An update that sets one property; a {@code null} value sets it to NULL. */
	public static <T, P> Update update(TypedPropertyPath<T, P> property, @Nullable P value) {
		return EMPTY.set(property, value);
	}

	/** A copy that also sets a property; a {@code null} value sets it to NULL. */
	public Update set(String property, @Nullable Object value) {
		return with(Criteria.path(property), value == null ? Kind.SET_NULL : Kind.SET, value);
	}

	/** A copy that also sets a property; a {@code null} value sets it to NULL. */
	public <T, P> Update set(TypedPropertyPath<T, P> property, @Nullable P value) {
		return with(Criteria.path(property), value == null ? Kind.SET_NULL : Kind.SET, value);
	}

	/** A copy that also adds {@code amount} to a numeric property (NULL stays NULL). */
	public Update increment(String property, Number amount) {
		Assert.notNull(amount, "Increment must not be null");
		return with(Criteria.path(property), Kind.INCREMENT, amount);
	}

	/** A copy that also adds {@code amount} to a numeric property (NULL stays NULL). */
	public <T> Update increment(TypedPropertyPath<T, ? extends Number> property, Number amount) {
		Assert.notNull(amount, "Increment must not be null");
		return with(Criteria.path(property), Kind.INCREMENT, amount);
	}

	/** A copy that also sets a property to NULL. */
	public Update setNull(String property) {
		return with(Criteria.path(property), Kind.SET_NULL, null);
	}

	/** A copy that also sets a property to NULL. */
	public <T> Update setNull(TypedPropertyPath<T, ?> property) {
		return with(Criteria.path(property), Kind.SET_NULL, null);
	}

	private Update with(Path path, Kind kind, @Nullable Object value) {
		List<Assignment> list = new ArrayList<>(this.assignments.size() + 1);
		for (Assignment assignment : this.assignments) {
			if (!assignment.path().dotPath().equals(path.dotPath())) {
				list.add(assignment);
			}
		}
		list.add(new Assignment(path, kind, value));
		return new Update(list);
	}

	/** The assignments, in the order they were added. */
	public List<Assignment> assignments() {
		return this.assignments;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Update that && this.assignments.equals(that.assignments);
	}

	@Override
	public int hashCode() {
		return this.assignments.hashCode();
	}

	/**
	 * The SET clause with placeholders, e.g.
	 * {@code SET "name" = ?, "logins" = ("logins" + ?)}.
	 */
	@Override
	public String toString() {
		return CriteriaFormat.provided().format(this);
	}

}
