package io.databridge.postgres.internal.convert;

import java.util.Map;

/**
 * The object ids of the built-in PostgreSQL types data-bridge writes in binary COPY. They
 * are fixed in the server's catalog ({@code pg_type.dat}) and identical in every
 * database; user types (enums, domains) have per-database ids and are learned from column
 * metadata instead.
 */
final class PgTypes {

	static final int BOOL = 16;

	static final int BYTEA = 17;

	static final int INT8 = 20;

	static final int INT2 = 21;

	static final int INT4 = 23;

	static final int TEXT = 25;

	static final int JSON = 114;

	static final int FLOAT4 = 700;

	static final int FLOAT8 = 701;

	static final int BPCHAR = 1042;

	static final int VARCHAR = 1043;

	static final int DATE = 1082;

	static final int TIME = 1083;

	static final int TIMESTAMP = 1114;

	static final int TIMESTAMPTZ = 1184;

	static final int INTERVAL = 1186;

	static final int NUMERIC = 1700;

	static final int UUID = 2950;

	static final int JSONB = 3802;

	private static final Map<String, Integer> BY_NAME = Map.ofEntries(Map.entry("bool", BOOL),
			Map.entry("bytea", BYTEA), Map.entry("int8", INT8), Map.entry("int2", INT2), Map.entry("int4", INT4),
			Map.entry("text", TEXT), Map.entry("json", JSON), Map.entry("float4", FLOAT4), Map.entry("float8", FLOAT8),
			Map.entry("bpchar", BPCHAR), Map.entry("varchar", VARCHAR), Map.entry("date", DATE),
			Map.entry("time", TIME), Map.entry("timestamp", TIMESTAMP), Map.entry("timestamptz", TIMESTAMPTZ),
			Map.entry("interval", INTERVAL), Map.entry("numeric", NUMERIC), Map.entry("uuid", UUID),
			Map.entry("jsonb", JSONB));

	private PgTypes() {
	}

	/**
	 * The oid of a built-in type by its internal name ({@code int8}), or 0 when it is not
	 * one.
	 */
	static int oid(String name) {
		Integer oid = BY_NAME.get(name);
		return oid == null ? 0 : oid;
	}

	/** The internal name of a built-in type by its oid, or {@code "oid <n>"}. */
	static String name(int oid) {
		for (Map.Entry<String, Integer> entry : BY_NAME.entrySet()) {
			if (entry.getValue() == oid) {
				return entry.getKey();
			}
		}
		return "oid " + oid;
	}

	/** Whether values of the type travel in binary COPY as plain UTF-8 text. */
	static boolean isTextual(int oid) {
		return oid == TEXT || oid == VARCHAR || oid == BPCHAR;
	}

}
