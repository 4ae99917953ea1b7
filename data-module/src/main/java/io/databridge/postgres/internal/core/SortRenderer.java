package io.databridge.postgres.internal.core;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.OrderBy;

import org.springframework.data.domain.Sort;

/**
 * Turns a Spring Data {@link Sort} into ORDER BY items, resolving every property against
 * the mapping: an unknown name fails here, naming the entity, so no text from a request
 * ever reaches SQL (unlike regex-based sort validation, which lets {@code pg_sleep(5)}
 * through).
 */
public final class SortRenderer {

	private SortRenderer() {
	}

	/**
	 * Resolves a sort.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for an unknown
	 * property
	 */
	public static List<OrderBy> orderBy(PgPersistentEntity<?> entity, Sort sort) {
		List<OrderBy> items = new ArrayList<>();
		for (Sort.Order order : sort) {
			PgPersistentProperty property = entity.requireProperty(order.getProperty());
			Sql.Expression column = new Sql.Column(property.columnName());
			if (order.isIgnoreCase() && property.getType() == String.class) {
				column = new Sql.FunctionCall("lower", List.of(column));
			}
			Sql.NullOrder nulls = switch (order.getNullHandling()) {
				case NULLS_FIRST -> Sql.NullOrder.FIRST;
				case NULLS_LAST -> Sql.NullOrder.LAST;
				case NATIVE -> Sql.NullOrder.DEFAULT;
			};
			items.add(new OrderBy(column, order.isDescending(), nulls));
		}
		return items;
	}

}
