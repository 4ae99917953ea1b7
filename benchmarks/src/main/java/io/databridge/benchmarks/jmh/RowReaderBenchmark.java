package io.databridge.benchmarks.jmh;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.contenders.databridge.DbUser;
import io.databridge.postgres.internal.core.RepositorySupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.jdbc.core.RowMapper;

/**
 * The row path without the network: 1,000 {@code bench_user} rows are fetched once into
 * pgjdbc's in-memory (scrollable) result set, and each operation maps all of them, with
 * data-bridge's reader ({@code EntityReader}, the compiled row handle) against a
 * hand-written {@code RowMapper} for the same record. Both decode through the same pgjdbc
 * getters, so the difference is the mapping layer alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowReaderBenchmark {

	static final int ROWS = 1_000;

	static final RowMapper<DbUser> HAND = (rs, rowNum) -> new DbUser(rs.getLong(1), rs.getString(2), rs.getString(3),
			rs.getInt(4), rs.getBoolean(5), rs.getDouble(6), rs.getBigDecimal(7),
			rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, UUID.class), rs.getString(10));

	private BenchDatabase db;

	private Connection connection;

	private ResultSet rows;

	private RowMapper<DbUser> dataBridge;

	/** Fetches the rows once. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.db = new BenchDatabase(ROWS);
		this.dataBridge = this.db.template().unwrap(RepositorySupport.class).statements(DbUser.class).reader().mapper();
		this.connection = this.db.dataSource().getConnection();
		Statement statement = this.connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
				ResultSet.CONCUR_READ_ONLY);
		this.rows = statement
			.executeQuery("SELECT " + BenchEnvironment.COLUMNS + " FROM " + BenchEnvironment.TABLE + " ORDER BY id");
	}

	/** Drops the database. */
	@TearDown(Level.Trial)
	public void tearDown() throws SQLException {
		this.connection.close();
		this.db.close();
	}

	/** data-bridge's reader. */
	@Benchmark
	public void dataBridge(Blackhole sink) throws SQLException {
		map(this.dataBridge, sink);
	}

	/** The hand-written mapper. */
	@Benchmark
	public void handWritten(Blackhole sink) throws SQLException {
		map(HAND, sink);
	}

	private void map(RowMapper<DbUser> mapper, Blackhole sink) throws SQLException {
		ResultSet rs = this.rows;
		rs.beforeFirst();
		int n = 0;
		while (rs.next()) {
			sink.consume(mapper.mapRow(rs, n++));
		}
	}

}
