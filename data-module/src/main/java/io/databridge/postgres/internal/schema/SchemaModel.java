package io.databridge.postgres.internal.schema;

import java.util.List;
import java.util.Objects;

import io.databridge.postgres.internal.sql.Ddl.TypeName;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

/**
 * A schema: tables and enum types, either as the mapping expects them
 * ({@link MappingSchemaReader}) or as the catalog has them ({@link CatalogReader}).
 * Immutable.
 *
 * @param tables the tables, in mapping or catalog order
 * @param enums the enum types
 */
record SchemaModel(List<TableModel> tables, List<EnumModel> enums) {

	SchemaModel {
		tables = List.copyOf(tables);
		enums = List.copyOf(enums);
	}

	/**
	 * A table.
	 *
	 * @param name the table (schema {@code null}: the search path's first schema)
	 * @param entity the entity's simple name, or {@code null} when read from the catalog
	 * @param columns the columns in order
	 * @param primaryKey the primary key's columns, empty when there is none
	 * @param uniques the unique constraints' (and, from the catalog, unique indexes')
	 * column lists
	 * @param foreignKeys the foreign keys
	 * @param indexes the indexes' column lists (from the catalog: every plain index,
	 * unique ones and the primary key's included)
	 */
	record TableModel(Sql.Table name, @Nullable String entity, List<ColumnModel> columns, List<String> primaryKey,
			List<List<String>> uniques, List<ForeignKeyModel> foreignKeys, List<List<String>> indexes) {

		TableModel {
			columns = List.copyOf(columns);
			primaryKey = List.copyOf(primaryKey);
			uniques = List.copyOf(uniques);
			foreignKeys = List.copyOf(foreignKeys);
			indexes = List.copyOf(indexes);
		}

		@Nullable ColumnModel column(String column) {
			for (ColumnModel candidate : this.columns) {
				if (candidate.name().equals(column)) {
					return candidate;
				}
			}
			return null;
		}

	}

	/**
	 * A column.
	 *
	 * @param name the column name
	 * @param type its type
	 * @param notNull whether it is {@code NOT NULL}
	 * @param generated whether the database generates its value (an identity column or a
	 * sequence default)
	 * @param property the mapped property's name, or {@code null} (from the catalog, or a
	 * child table's foreign-key column)
	 * @param primitive whether the mapped property is a Java primitive
	 * @param enumAsText whether the mapped property is a Java enum stored by name in any
	 * text-like or enum column
	 * @param domainBase for a domain-typed column from the catalog, the domain's base
	 * type, else {@code null}
	 */
	record ColumnModel(String name, TypeName type, boolean notNull, boolean generated, @Nullable String property,
			boolean primitive, boolean enumAsText, @Nullable TypeName domainBase) {

		ColumnModel {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(type, "type");
		}

	}

	/**
	 * A foreign key.
	 *
	 * @param columns the referencing columns
	 * @param target the referenced table
	 * @param targetColumns the referenced columns
	 */
	record ForeignKeyModel(List<String> columns, Sql.Table target, List<String> targetColumns) {

		ForeignKeyModel {
			columns = List.copyOf(columns);
			targetColumns = List.copyOf(targetColumns);
		}

	}

	/**
	 * An enum type.
	 *
	 * @param name the type (schema {@code null}: the search path's first schema)
	 * @param labels its labels in sort order
	 */
	record EnumModel(Sql.Table name, List<String> labels) {

		EnumModel {
			labels = List.copyOf(labels);
		}

	}

}
