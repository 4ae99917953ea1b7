package io.databridge.postgres.internal.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TypeInfo;
import org.postgresql.jdbc.PgResultSet;

/**
 * Reads the declared types of an entity's columns from the database: it prepares and runs
 * <code>SELECT &lt;mapped columns&gt; FROM &lt;table&gt; WHERE false</code> (no rows, one
 * round trip) and reads each result column's type oid, resolving names and array element
 * types through pgjdbc's type cache. Callers do this once per entity and keep the result.
 */
public final class ColumnTypes {

	private ColumnTypes() {
	}

	/**
	 * The types of an entity's mapped columns.
	 * @param connection an open connection (pgjdbc, possibly wrapped by a pool)
	 * @param entity the entity
	 * @return column name to type, in {@link PgPersistentEntity#columns()} order
	 * @throws SQLException when the table or a column does not exist
	 */
	public static Map<String, ColumnType> read(Connection connection, PgPersistentEntity<?> entity)
			throws SQLException {
		List<PgPersistentProperty> properties = entity.columns();
		List<Sql.Expression> columns = properties.stream()
			.map(p -> (Sql.Expression) new Sql.Column(p.columnName()))
			.toList();
		Sql.Select select = Sql.Select.of(columns, new Sql.Table(entity.schema(), entity.tableName()))
			.where(new Sql.Constant(false));
		TypeInfo types = connection.unwrap(BaseConnection.class).getTypeInfo();
		Map<String, ColumnType> result = new LinkedHashMap<>();
		try (PreparedStatement ps = connection.prepareStatement(SqlRenderer.render(select).sql());
				ResultSet rs = ps.executeQuery()) {
			PgResultSet pg = rs.unwrap(PgResultSet.class);
			ResultSetMetaData meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				int oid = pg.getColumnOID(i);
				String name = types.getPGType(oid);
				// types such as name and point have an element type too; arrays are the
				// ones named _element
				int elementOid = name.startsWith("_") ? types.getPGArrayElement(oid) : 0;
				String elementName = elementOid == 0 ? "" : types.getPGType(elementOid);
				String column = properties.get(i - 1).columnName();
				result.put(column, new ColumnType(column, name, oid, elementName, elementOid));
			}
		}
		for (Map.Entry<String, ColumnType> entry : result.entrySet()) {
			ColumnType type = entry.getValue();
			if (type.isVector()) {
				int typmod = typmod(connection, new Location(entry.getKey(), entity.schema(), entity.tableName()));
				entry.setValue(new ColumnType(type.column(), type.name(), type.oid(), "", 0, typmod));
			}
		}
		return result;
	}

	/**
	 * Reads a column's type modifier from the catalog:
	 * <code>SELECT atttypmod FROM pg_catalog.pg_attribute WHERE attrelid = ?::regclass AND attname = ?</code>.
	 * @param connection an open connection
	 * @param location the column
	 * @return the modifier, -1 when the type has none
	 * @throws SQLException when the table does not exist
	 */
	static int typmod(Connection connection, Location location) throws SQLException {
		Sql.Select select = Sql.Select
			.of(List.of(new Sql.Column("atttypmod")), new Sql.Table("pg_catalog", "pg_attribute"))
			.where(new Sql.And(List.of(
					new Sql.Comparison(new Sql.Column("attrelid"), Sql.Operator.EQ,
							new Sql.Cast(new Sql.BindMarker("table"), "regclass")),
					new Sql.Comparison(new Sql.Column("attname"), Sql.Operator.EQ, new Sql.BindMarker("column")))));
		String table = (location.schema() == null ? "" : SqlRenderer.quote(location.schema()) + ".")
				+ SqlRenderer.quote(location.table());
		try (PreparedStatement ps = connection.prepareStatement(SqlRenderer.render(select).sql())) {
			ps.setString(1, table);
			ps.setString(2, location.column());
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getInt(1) : -1;
			}
		}
	}

	/**
	 * Where a column is.
	 *
	 * @param column the column name
	 * @param schema the table's schema, {@code null} for the search path
	 * @param table the table name
	 */
	record Location(String column, @org.jspecify.annotations.Nullable String schema, String table) {
	}

}
