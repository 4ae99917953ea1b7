package io.databridge.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Creates the benchmark tables: {@code public.bench_user} filled once with the read
 * workloads' rows, and per contender an empty {@code w_<contender>.bench_user} for
 * inserts (reached through the URL's {@code currentSchema}).
 */
public final class ReadTable {

	static final String DDL = "CREATE TABLE %s (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, "
			+ "age int NOT NULL, active bool NOT NULL, score float8 NOT NULL, balance numeric(12,2) NOT NULL, "
			+ "created_at timestamptz NOT NULL, external_id uuid NOT NULL, profile jsonb NOT NULL)";

	private ReadTable() {
	}

	/**
	 * Creates a contender's own empty insert table, so that contenders may insert at the
	 * same time.
	 * @param connection a connection
	 * @param contender the contender's name
	 * @return the schema, for the URL's {@code currentSchema}
	 * @throws SQLException when the DDL fails
	 */
	static String createWriteTable(Connection connection, String contender) throws SQLException {
		String schema = "w_" + contender.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			statement.execute(String.format(DDL, schema + ".bench_user"));
		}
		return schema;
	}

	/**
	 * Creates {@code public.bench_user} and fills it with rows 1 to {@code rows}, then
	 * analyzes it.
	 * @param connection a connection
	 * @param rows how many rows
	 * @throws SQLException when the DDL or COPY fails
	 * @throws IOException when encoding fails
	 */
	public static void create(Connection connection, int rows) throws SQLException, IOException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(String.format(DDL, "public.bench_user"));
		}
		PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
				"COPY public.bench_user (" + BenchEnvironment.COLUMNS + ") FROM STDIN (FORMAT binary)");
		try {
			BinaryCopyWriter writer = new BinaryCopyWriter(new BufferedOutputStream(copy, 1 << 16));
			for (long id = 1; id <= rows; id++) {
				writer.write(BenchData.row(id));
			}
			writer.finish();
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("VACUUM (ANALYZE) public.bench_user");
		}
	}

}
