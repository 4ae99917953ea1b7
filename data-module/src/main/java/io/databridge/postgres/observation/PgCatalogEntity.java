package io.databridge.postgres.observation;

import java.util.List;

/**
 * How an entity maps to its table.
 *
 * @param entity the entity class's name
 * @param table the (schema-qualified where given) table
 * @param columns its columns, in the order statements list them
 */
public record PgCatalogEntity(String entity, String table, List<PgCatalogColumn> columns) {

	/** Copies the column list. */
	public PgCatalogEntity {
		columns = List.copyOf(columns);
	}

}
