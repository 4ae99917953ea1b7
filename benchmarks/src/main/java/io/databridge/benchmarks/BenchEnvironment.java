package io.databridge.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * The database and settings a contender's JVM works with. Every contender gets the same
 * JDBC URL (the same driver options) and the same pool settings.
 *
 * @param jdbcUrl JDBC URL with the common driver options; for inserts it selects the
 * write schema
 * @param username user name
 * @param password password, or {@code null}
 * @param readRows rows in the read table (ids 1 to readRows)
 * @param fetchSize rows per round trip when streaming
 * @param workDir a directory the PostgreSQL server can read, for server-side COPY files
 * @param workload the workload this JVM runs
 */
public record BenchEnvironment(String jdbcUrl, String username, @Nullable String password, int readRows, int fetchSize,
		Path workDir, Workload workload) {

	/** The table every workload uses, in the schema the URL selects. */
	public static final String TABLE = "bench_user";

	/** Its columns in declaration order. */
	public static final String COLUMNS = "id, name, email, age, active, score, balance, created_at, external_id, profile";

	/**
	 * A new HikariCP pool on the benchmark database; the caller closes it.
	 * @param name pool name
	 * @param maxSize maximum pool size
	 * @return the pool
	 */
	public HikariDataSource newDataSource(String name, int maxSize) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(this.jdbcUrl);
		config.setUsername(this.username);
		config.setPassword(this.password);
		config.setMaximumPoolSize(maxSize);
		config.setMinimumIdle(1);
		return new HikariDataSource(config);
	}

	/** From this many rows up, an insert starts after a {@code CHECKPOINT}. */
	static final int CHECKPOINT_FROM_ROWS = 100_000;

	/**
	 * Empties the table (untimed, before each insert). Before an insert of
	 * {@value #CHECKPOINT_FROM_ROWS} rows or more it also runs {@code CHECKPOINT}: a
	 * million rows write about 300 MB of WAL, so without it a checkpoint forced by
	 * {@code max_wal_size} (1 GB) lands inside every third or fourth operation, whichever
	 * contender runs it, and its disk writes and fsyncs made the figures of one contender
	 * vary by 50%. With it every large insert starts from the same state. Where the user
	 * may not checkpoint, this is skipped.
	 * @param connection a connection on the benchmark database
	 * @param rows the size of the insert that follows
	 * @throws SQLException when truncating fails
	 */
	public static void truncate(Connection connection, int rows) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE " + TABLE);
			if (rows >= CHECKPOINT_FROM_ROWS) {
				try {
					statement.execute("CHECKPOINT");
				}
				catch (SQLException ex) {
					// not superuser nor pg_checkpoint: measure without
				}
			}
		}
	}

	/**
	 * Reads the whole table back with plain JDBC getters and checks it: the independent
	 * verification of inserts.
	 * @param connection a connection on the benchmark database
	 * @return what the table holds
	 * @throws SQLException when reading fails
	 */
	public static Check readBack(Connection connection) throws SQLException {
		Checksum sum = new Checksum();
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.setFetchSize(10_000);
			try (ResultSet rs = statement.executeQuery("SELECT " + COLUMNS + " FROM " + TABLE)) {
				while (rs.next()) {
					sum.add(new BenchRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
							rs.getBoolean(5), rs.getDouble(6), rs.getBigDecimal(7),
							rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, UUID.class),
							rs.getString(10)));
				}
			}
			connection.commit();
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		return sum.check();
	}
}
