package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.internal.core.RepositorySupport;

/**
 * Completes entities a query has read (owned collections, references, after-load
 * callbacks and events) for a whole list at once, so a page of roots costs one extra
 * query per collection. Implementations are thread-safe.
 */
@FunctionalInterface
public interface RowCompletion {

	/** Leaves rows as they are (projections, scalars, tests without a template). */
	RowCompletion NONE = rows -> rows;

	/**
	 * Completes the rows that are entities of the query's domain type; other rows are
	 * returned as they are.
	 * @param rows the rows as read, in order
	 * @return the completed rows, in order
	 */
	List<?> complete(List<?> rows);

	/**
	 * Completes rows that are entities of a type through the template's support, and
	 * leaves projections and scalars as they are.
	 */
	@SuppressWarnings("unchecked")
	static <T> RowCompletion of(Class<T> type, RepositorySupport support) {
		return rows -> rows.isEmpty() || !type.isInstance(rows.get(0)) ? rows : support.afterLoad(type, (List<T>) rows);
	}

}
