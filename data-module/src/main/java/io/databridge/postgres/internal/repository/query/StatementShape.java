package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.internal.convert.VectorMetric;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;

/**
 * Everything that decides the SQL text of one execution of a derived query, and nothing
 * that varies per value: the kind of statement, which arguments are {@code null} (they
 * turn {@code =} into {@code IS NULL}), the order, whether LIMIT / OFFSET / a keyset
 * condition are present, and the selected properties. Used as a cache key, so it is a
 * value.
 *
 * @param kind the statement kind
 * @param nullMask bit {@code i} set when bindable argument {@code i} is {@code null} in a
 * null-aware part
 * @param sort the complete ORDER BY (method name sort and dynamic sort)
 * @param limit whether a {@code LIMIT ?} is present
 * @param offset whether an {@code OFFSET ?} is present
 * @param keyset whether the WHERE clause has a keyset condition after {@link #sort}
 * @param backward whether a keyset scroll goes backward (order and comparisons reversed)
 * @param properties the selected properties, empty for every column
 * @param metric the distance of a vector search (Near / Within), else {@code null}
 */
record StatementShape(Kind kind, long nullMask, Sort sort, boolean limit, boolean offset, boolean keyset,
		boolean backward, List<String> properties, @Nullable VectorMetric metric) {

	StatementShape {
		properties = List.copyOf(properties);
	}

	StatementShape(Kind kind, long nullMask, Sort sort, boolean limit, boolean offset, boolean keyset, boolean backward,
			List<String> properties) {
		this(kind, nullMask, sort, limit, offset, keyset, backward, properties, null);
	}

	/** A copy for a vector search by the given metric. */
	StatementShape withMetric(@Nullable VectorMetric newMetric) {
		return new StatementShape(this.kind, this.nullMask, this.sort, this.limit, this.offset, this.keyset,
				this.backward, this.properties, newMetric);
	}

	/** Statement kinds. */
	enum Kind {

		SELECT, COUNT, EXISTS, DELETE, DELETE_RETURNING

	}

	static StatementShape of(Kind kind, long nullMask) {
		return new StatementShape(kind, nullMask, Sort.unsorted(), false, false, false, false, List.of());
	}
}
