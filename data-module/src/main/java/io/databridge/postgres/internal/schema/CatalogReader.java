package io.databridge.postgres.internal.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.schema.SchemaModel.ColumnModel;
import io.databridge.postgres.internal.schema.SchemaModel.EnumModel;
import io.databridge.postgres.internal.schema.SchemaModel.ForeignKeyModel;
import io.databridge.postgres.internal.sql.CatalogQueries;
import io.databridge.postgres.internal.sql.Ddl.TypeName;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

/**
 * Reads the tables and enum types of some schemas from {@code pg_catalog}: four
 * statements ({@link CatalogQueries#COLUMNS}, {@link CatalogQueries#CONSTRAINTS},
 * {@link CatalogQueries#INDEXES}, {@link CatalogQueries#ENUMS}), each over all the
 * schemas at once, whatever the number of tables. Read-only; the caller owns the
 * connection. Tables and types come back schema-qualified.
 */
final class CatalogReader {

	private CatalogReader() {
	}

	/** The first schema of the connection's search path. */
	static String currentSchema(Connection connection) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(CatalogQueries.CURRENT_SCHEMA);
				ResultSet rs = ps.executeQuery()) {
			rs.next();
			String schema = rs.getString(1);
			if (schema == null) {
				throw new SQLException("The connection's search_path names no existing schema", "3F000");
			}
			return schema;
		}
	}

	/** Reads the tables and enum types of the given schemas. */
	static SchemaModel read(Connection connection, Collection<String> schemas) throws SQLException {
		Array names = connection.createArrayOf("text", schemas.toArray());
		Map<Sql.Table, TableBuilder> tables = new LinkedHashMap<>();
		query(connection, CatalogQueries.COLUMNS, names, rs -> table(tables, rs).columns.add(column(rs)));
		query(connection, CatalogQueries.CONSTRAINTS, names, rs -> {
			TableBuilder table = table(tables, rs);
			List<String> columns = strings(rs.getArray(5));
			switch (rs.getString(3)) {
				case "p" -> {
					table.primaryKey.addAll(columns);
					table.indexes.add(columns);
				}
				case "u" -> table.uniques.add(columns);
				default -> table.foreignKeys.add(new ForeignKeyModel(columns,
						new Sql.Table(rs.getString(6), rs.getString(7)), strings(rs.getArray(8))));
			}
		});
		query(connection, CatalogQueries.INDEXES, names, rs -> {
			TableBuilder table = table(tables, rs);
			List<String> columns = strings(rs.getArray(5));
			table.indexes.add(columns);
			if (rs.getBoolean(4)) {
				table.uniques.add(columns);
			}
		});
		Map<Sql.Table, List<String>> labels = new LinkedHashMap<>();
		query(connection, CatalogQueries.ENUMS, names,
				rs -> labels.computeIfAbsent(new Sql.Table(rs.getString(1), rs.getString(2)), key -> new ArrayList<>())
					.add(rs.getString(3)));
		return new SchemaModel(tables.values().stream().map(TableBuilder::build).toList(),
				labels.entrySet().stream().map(e -> new EnumModel(e.getKey(), e.getValue())).toList());
	}

	private static TableBuilder table(Map<Sql.Table, TableBuilder> tables, ResultSet rs) throws SQLException {
		return tables.computeIfAbsent(new Sql.Table(rs.getString(1), rs.getString(2)),
				name -> new TableBuilder(name, null));
	}

	private static ColumnModel column(ResultSet rs) throws SQLException {
		String identity = rs.getString(5);
		String defaultExpression = rs.getString(6);
		boolean generated = (identity != null && !identity.isEmpty())
				|| (defaultExpression != null && defaultExpression.startsWith("nextval("));
		String typtype = rs.getString(8);
		TypeName type = "b".equals(typtype) ? TypeName.builtIn(rs.getString(11))
				: TypeName.user(rs.getString(9), rs.getString(10));
		String domainBase = rs.getString(12);
		if (rs.getBoolean(7)) {
			type = type.array();
		}
		return new ColumnModel(rs.getString(3), type, rs.getBoolean(4), generated, null, false, false,
				domainBase == null ? null : TypeName.builtIn(domainBase));
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

	private static void query(Connection connection, String sql, Array schemas, RowHandler handler)
			throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			ps.setArray(1, schemas);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					handler.handle(rs);
				}
			}
		}
	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rs) throws SQLException;

	}

}
