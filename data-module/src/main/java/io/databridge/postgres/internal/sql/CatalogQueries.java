package io.databridge.postgres.internal.sql;

/**
 * The fixed catalog queries the schema reader runs: each covers every table of the
 * schemas passed as its one {@code text[]} parameter, so reading a schema costs the same
 * few statements whether it holds one table or a thousand. Only ordinary and partitioned
 * tables are read (no views), columns in their declared order, multi-column constraint
 * and index columns in key order.
 */
public final class CatalogQueries {

	/** The first schema of the search path: where unqualified tables and types live. */
	public static final String CURRENT_SCHEMA = "SELECT current_schema()";

	/**
	 * One row per column: schema, table, column, {@code attnotnull}, {@code attidentity},
	 * default expression, whether it is an array, the (element) type's {@code typtype},
	 * schema and name, its {@code format_type} with the column's modifier, and a domain's
	 * base type.
	 */
	public static final String COLUMNS = """
			SELECT n.nspname, c.relname, a.attname, a.attnotnull, a.attidentity,
			       pg_catalog.pg_get_expr(d.adbin, d.adrelid),
			       t.typcategory = 'A' AND t.typelem <> 0,
			       et.typtype, en.nspname, et.typname,
			       pg_catalog.format_type(et.oid, a.atttypmod),
			       CASE WHEN et.typtype = 'd' THEN pg_catalog.format_type(et.typbasetype, et.typtypmod) END
			FROM pg_catalog.pg_attribute a
			JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
			JOIN pg_catalog.pg_type et
			  ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
			JOIN pg_catalog.pg_namespace en ON en.oid = et.typnamespace
			LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
			ORDER BY n.nspname, c.relname, a.attnum""";

	/**
	 * One row per primary key, unique constraint and foreign key: schema, table,
	 * {@code contype}, name, columns, and for a foreign key the referenced schema, table
	 * and columns.
	 */
	public static final String CONSTRAINTS = """
			SELECT n.nspname, c.relname, k.contype, k.conname,
			       ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)
			             JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num
			             ORDER BY u.ord),
			       fn.nspname, fc.relname,
			       ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)
			             JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num
			             ORDER BY u.ord)
			FROM pg_catalog.pg_constraint k
			JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid
			LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
			WHERE n.nspname = ANY (?) AND k.contype IN ('p', 'u', 'f')
			ORDER BY n.nspname, c.relname, k.conname""";

	/**
	 * One row per index on a plain column list (no expression or partial indexes):
	 * schema, table, index name, whether it is unique, columns.
	 */
	public static final String INDEXES = """
			SELECT n.nspname, c.relname, i.relname, x.indisunique,
			       ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(num, ord)
			             JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.num
			             ORDER BY u.ord)
			FROM pg_catalog.pg_index x
			JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
			JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ANY (?) AND x.indexprs IS NULL AND x.indpred IS NULL
			ORDER BY n.nspname, c.relname, i.relname""";

	/** One row per enum label: schema, type name, label, in the type's sort order. */
	public static final String ENUMS = """
			SELECT n.nspname, t.typname, e.enumlabel
			FROM pg_catalog.pg_type t
			JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
			JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
			WHERE n.nspname = ANY (?)
			ORDER BY n.nspname, t.typname, e.enumsortorder""";

	/**
	 * Whether a table exists, by its (possibly qualified, quoted) name as one parameter:
	 * {@code to_regclass} returns NULL instead of failing.
	 */
	public static final String TABLE_EXISTS = "SELECT pg_catalog.to_regclass(?) IS NOT NULL";

	private CatalogQueries() {
	}

	/**
	 * A table's name as {@link #TABLE_EXISTS} takes it: quoted, schema-qualified when it
	 * has a schema.
	 */
	public static String regclass(Sql.Table table) {
		return (table.schema() == null ? "" : SqlRenderer.quote(table.schema()) + ".")
				+ SqlRenderer.quote(table.name());
	}

	/**
	 * The versions of the successful migrations recorded in a Flyway history table.
	 * @param table the history table
	 * @return the statement text
	 */
	public static String appliedVersions(Sql.Table table) {
		return SqlRenderer
			.render(Sql.Select.of(java.util.List.of(new Sql.Column("version")), table)
				.where(new Sql.Predicate(new Sql.Column("success"))))
			.sql();
	}

}
