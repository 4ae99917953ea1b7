package io.databridge.postgres.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.databridge.postgres.query.CriteriaNode.Path;
import org.jspecify.annotations.Nullable;

import org.springframework.data.core.TypedPropertyPath;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Vector;
import org.springframework.util.Assert;

/**
 * A {@link Criteria} plus what a SELECT adds: a sort (by name, {@code Sort.by("name")},
 * or typed, {@code Sort.by(User::name)}), a limit and offset, and optionally the columns
 * to read (the other properties stay {@code null}, or zero for primitives).
 *
 * <pre class="code">
 * Query.query(where(User::age).greaterThan(18)).sort(Sort.by(User::name)).limit(20).offset(40)
 * </pre>
 *
 * <p>
 * Immutable and thread-safe: every method returns a new query. Equal by structure; its
 * {@link #toString()} shows the shape with placeholders.
 */
public final class Query {

	private final Criteria criteria;

	private final Sort sort;

	private final @Nullable Integer limit;

	private final long offset;

	private final List<Path> columns;

	private final @Nullable Nearest nearest;

	private Query(Criteria criteria, Sort sort, @Nullable Integer limit, long offset, List<Path> columns,
			@Nullable Nearest nearest) {
		this.criteria = criteria;
		this.sort = sort;
		this.limit = limit;
		this.offset = offset;
		this.columns = List.copyOf(columns);
		this.nearest = nearest;
	}

	/**
	 * A query of the rows that match a criteria, unsorted and unlimited, reading every
	 * column.
	 */
	public static Query query(Criteria criteria) {
		Assert.notNull(criteria, "Criteria must not be null");
		return new Query(criteria, Sort.unsorted(), null, 0, List.of(), null);
	}

	/** A query of every row. */
	public static Query empty() {
		return query(Criteria.empty());
	}

	/** A copy that sorts by this sort after the current one. */
	public Query sort(Sort additional) {
		Assert.notNull(additional, "Sort must not be null");
		return new Query(this.criteria, this.sort.and(additional), this.limit, this.offset, this.columns, this.nearest);
	}

	/**
	 * A copy returning at most {@code limit} rows.
	 * @throws IllegalArgumentException when negative
	 */
	public Query limit(int limit) {
		Assert.isTrue(limit >= 0, () -> "Limit must not be negative, got " + limit);
		return new Query(this.criteria, this.sort, limit, this.offset, this.columns, this.nearest);
	}

	/**
	 * A copy that skips {@code offset} rows.
	 * @throws IllegalArgumentException when negative
	 */
	public Query offset(long offset) {
		Assert.isTrue(offset >= 0, () -> "Offset must not be negative, got " + offset);
		return new Query(this.criteria, this.sort, this.limit, offset, this.columns, this.nearest);
	}

	/** A copy that reads only these properties (by name). */
	public Query columns(String... properties) {
		List<Path> paths = new ArrayList<>(this.columns);
		for (String property : properties) {
			paths.add(Criteria.path(property));
		}
		return new Query(this.criteria, this.sort, this.limit, this.offset, paths, this.nearest);
	}

	/** A copy that reads only these properties (by method reference). */
	@SafeVarargs
	public final <T> Query columns(TypedPropertyPath<T, ?>... properties) {
		List<Path> paths = new ArrayList<>(this.columns);
		for (TypedPropertyPath<T, ?> property : properties) {
			paths.add(Criteria.path(property));
		}
		return new Query(this.criteria, this.sort, this.limit, this.offset, paths, this.nearest);
	}

	/**
	 * A copy that returns the rows nearest to a vector first, ordered by a vector
	 * property's distance from it ({@code ORDER BY embedding <-> ?}, the form pgvector's
	 * HNSW and IVFFlat indexes serve), before the sort; usually with a {@link #limit}.
	 * @param property the vector property (a {@code Vector} or {@code @VectorColumn
	 * float[]})
	 * @param vector the vector to be near
	 * @param function Euclidean, cosine or dot product;
	 * {@code ScoringFunction.unspecified()} is Euclidean
	 */
	public Query orderByDistance(String property, Vector vector, ScoringFunction function) {
		return nearest(Criteria.path(property), vector, function);
	}

	/**
	 * A copy that returns the rows nearest to a vector first; see
	 * {@link #orderByDistance(String, Vector, ScoringFunction)}.
	 */
	public <T> Query orderByDistance(TypedPropertyPath<T, ?> property, Vector vector, ScoringFunction function) {
		return nearest(Criteria.path(property), vector, function);
	}

	private Query nearest(Path path, Vector vector, ScoringFunction function) {
		Assert.notNull(vector, "Vector must not be null");
		Assert.notNull(function, "ScoringFunction must not be null");
		return new Query(this.criteria, this.sort, this.limit, this.offset, this.columns,
				new Nearest(path, vector, function));
	}

	/** The nearest-first order, or {@code null} for none. */
	public @Nullable Nearest nearest() {
		return this.nearest;
	}

	/** The condition. */
	public Criteria criteria() {
		return this.criteria;
	}

	/** The sort, {@link Sort#unsorted()} when none. */
	public Sort sort() {
		return this.sort;
	}

	/** The limit, or {@code null} for none. */
	public @Nullable Integer limit() {
		return this.limit;
	}

	/** The number of rows to skip. */
	public long offset() {
		return this.offset;
	}

	/** The selected properties, empty for every column. */
	public List<Path> columns() {
		return this.columns;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Query that && this.criteria.equals(that.criteria) && this.sort.equals(that.sort)
				&& Objects.equals(this.limit, that.limit) && this.offset == that.offset
				&& this.columns.equals(that.columns) && Objects.equals(this.nearest, that.nearest);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.criteria, this.sort, this.limit, this.offset, this.columns, this.nearest);
	}

	/**
	 * The shape, e.g.
	 * {@code SELECT * WHERE "age" > ? ORDER BY name: ASC LIMIT ? OFFSET ?}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("SELECT ");
		text.append(
				this.columns.isEmpty() ? "*" : String.join(", ", this.columns.stream().map(Path::dotPath).toList()));
		if (!this.criteria.isEmpty()) {
			text.append(" WHERE ").append(this.criteria);
		}
		if (this.nearest != null) {
			text.append(" ORDER BY ").append(this.nearest);
		}
		if (this.sort.isSorted()) {
			text.append(this.nearest != null ? ", " : " ORDER BY ").append(this.sort);
		}
		if (this.limit != null) {
			text.append(" LIMIT ?");
		}
		if (this.offset > 0) {
			text.append(" OFFSET ?");
		}
		return text.toString();
	}

	/**
	 * Rows nearest to a vector first.
	 *
	 * @param path the vector property
	 * @param vector the vector
	 * @param function the metric
	 */
	public record Nearest(Path path, Vector vector, ScoringFunction function) {

		/** The shape, e.g. {@code distance(embedding, ?) COSINE}. */
		@Override
		public String toString() {
			return "distance(" + this.path.dotPath() + ", ?) " + this.function.getName();
		}

	}

}
