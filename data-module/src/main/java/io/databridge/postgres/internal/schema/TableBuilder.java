package io.databridge.postgres.internal.schema;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.schema.SchemaModel.ColumnModel;
import io.databridge.postgres.internal.schema.SchemaModel.ForeignKeyModel;
import io.databridge.postgres.internal.schema.SchemaModel.TableModel;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

/** A table being assembled, from the mapping or from catalog rows. Not thread-safe. */
final class TableBuilder {

	final Sql.Table name;

	final @Nullable String entity;

	final List<ColumnModel> columns = new ArrayList<>();

	final List<String> primaryKey = new ArrayList<>();

	final List<List<String>> uniques = new ArrayList<>();

	final List<ForeignKeyModel> foreignKeys = new ArrayList<>();

	final List<List<String>> indexes = new ArrayList<>();

	TableBuilder(Sql.Table name, @Nullable String entity) {
		this.name = name;
		this.entity = entity;
	}

	TableModel build() {
		return new TableModel(this.name, this.entity, this.columns, this.primaryKey, this.uniques, this.foreignKeys,
				this.indexes);
	}

}
