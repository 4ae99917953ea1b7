package io.databridge.postgres.internal.repository.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.repository.query.StatementShape.Kind;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.PersistentPropertyAccessor;

/**
 * Runs a derived query that returns {@code Window<T>}. Offset scrolling adds
 * {@code OFFSET} one past the position's. Keyset scrolling appends the id to the sort (so
 * keys are unique), adds {@code (k1 > ?) OR (k1 = ? AND k2 > ?) ...} after the position's
 * keys, reverses order and comparisons to scroll backward and then restores the natural
 * order. Both fetch one row more than the limit to know whether there is a next window.
 * Sort keys must be non-null. Thread-safe.
 */
final class WindowQuery {

	private final DerivedStatements statements;

	private final QueryRunner runner;

	private final Function<StatementShape, PreparedQuery> queries;

	private final String method;

	WindowQuery(DerivedStatements statements, QueryRunner runner, Function<StatementShape, PreparedQuery> queries,
			String method) {
		this.statements = statements;
		this.runner = runner;
		this.queries = queries;
		this.method = method;
	}

	Window<?> run(@Nullable ScrollPosition position, Limit limit, Sort sort, List<String> properties, long nullMask,
			Object[] bindable) {
		if (position instanceof KeysetScrollPosition keyset) {
			return keyset(keyset, limit, sort, properties, nullMask, bindable);
		}
		OffsetScrollPosition offset = position == null ? ScrollPosition.offset() : (OffsetScrollPosition) position;
		long start = offset.isInitial() ? 0 : offset.getOffset() + 1;
		StatementShape shape = new StatementShape(Kind.SELECT, nullMask, sort, limit.isLimited(), true, false, false,
				properties);
		List<?> rows = fetch(shape, limit, bindable, start, Invocation.NONE);
		return window(rows, limit, OffsetScrollPosition.positionFunction(start));
	}

	private Window<?> keyset(KeysetScrollPosition keyset, Limit limit, Sort sort, List<String> properties,
			long nullMask, Object[] bindable) {
		PgPersistentEntity<?> entity = this.statements.entity();
		for (Sort.Order order : sort) {
			if (order.isIgnoreCase()) {
				throw new InvalidDataAccessApiUsageException(this.method + ": keyset scrolling compares raw values, so "
						+ "the sort on '" + order.getProperty() + "' must not ignore case");
			}
		}
		Sort keys = sort;
		String id = entity.requireId().getName();
		if (keys.getOrderFor(id) == null) {
			keys = keys.and(Sort.by(id));
		}
		List<String> selected = properties;
		if (!selected.isEmpty()) {
			List<String> extended = new ArrayList<>(selected);
			keys.forEach(order -> {
				if (!extended.contains(order.getProperty())) {
					extended.add(order.getProperty());
				}
			});
			selected = extended;
		}
		boolean initial = keyset.isInitial();
		boolean backward = keyset.scrollsBackward();
		Object[] values = initial ? Invocation.NONE : keyValues(keys, keyset);
		StatementShape shape = new StatementShape(Kind.SELECT, nullMask, keys, limit.isLimited(), false, !initial,
				backward, selected);
		List<Object> rows = new ArrayList<>(fetch(shape, limit, bindable, 0, values));
		boolean hasNext = limit.isLimited() && rows.size() > limit.max();
		if (hasNext) {
			rows = rows.subList(0, limit.max());
		}
		if (backward) {
			Collections.reverse(rows);
		}
		List<Object> content = rows;
		Sort order = keys;
		IntFunction<ScrollPosition> positions = i -> ScrollPosition.of(keysOf(entity, order, content.get(i)),
				keyset.getDirection());
		return Window.from(content, positions, hasNext);
	}

	private Object[] keyValues(Sort keys, KeysetScrollPosition keyset) {
		List<Object> values = new ArrayList<>();
		for (Sort.Order order : keys) {
			Object value = keyset.getKeys().get(order.getProperty());
			if (value == null) {
				throw new InvalidDataAccessApiUsageException("Keyset position " + keyset.getKeys()
						+ " has no non-null value for sort property '" + order.getProperty() + "' of " + this.method);
			}
			values.add(value);
		}
		return values.toArray();
	}

	private List<?> fetch(StatementShape shape, Limit limit, Object[] bindable, long offset, Object[] keyset) {
		long max = limit.isLimited() ? limit.max() + 1L : 0;
		Invocation invocation = new Invocation(bindable, max, offset, keyset);
		return this.runner.list(this.queries.apply(shape), invocation, this.statements.mapper(shape.properties()));
	}

	private static <T> Window<T> window(List<T> rows, Limit limit, IntFunction<? extends ScrollPosition> positions) {
		boolean hasNext = limit.isLimited() && rows.size() > limit.max();
		return Window.from(hasNext ? rows.subList(0, limit.max()) : rows, positions, hasNext);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> keysOf(PgPersistentEntity<?> entity, Sort keys, Object row) {
		PersistentPropertyAccessor<Object> accessor = ((PgPersistentEntity<Object>) entity).getPropertyAccessor(row);
		Map<String, Object> map = new LinkedHashMap<>();
		for (Sort.Order order : keys) {
			map.put(order.getProperty(), accessor.getProperty(entity.requireProperty(order.getProperty())));
		}
		return map;
	}

}
