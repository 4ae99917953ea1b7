package io.databridge.benchmarks.jmh;

import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.contenders.databridge.DbUser;
import io.databridge.benchmarks.contenders.databridge.DbUserRepository;
import io.databridge.postgres.core.PgTemplate;
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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One lookup by primary key against a real server (a fresh database of 100,000 rows),
 * outside any transaction: data-bridge's repository (through Spring's repository proxy
 * and transaction interceptor), {@code PgTemplate.findById}, and hand-written JDBC
 * ({@code JdbcTemplate} with a hand-written {@code RowMapper}), all on the same pool.
 * Sample time per lookup, so the report has the median (p0.50) and the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FindByIdBenchmark {

	static final int ROWS = 100_000;

	static final String SELECT = "SELECT " + BenchEnvironment.COLUMNS + " FROM " + BenchEnvironment.TABLE
			+ " WHERE id = ?";

	static final RowMapper<DbUser> HAND = RowReaderBenchmark.HAND;

	private final SplittableRandom random = new SplittableRandom(42);

	private BenchDatabase db;

	private DbUserRepository repository;

	private PgTemplate template;

	private JdbcTemplate jdbc;

	/** Creates and fills the database. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.db = new BenchDatabase(ROWS);
		this.repository = this.db.repository();
		this.template = this.db.template();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
	}

	/** Drops the database. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.db.close();
	}

	private long nextId() {
		return this.random.nextLong(1, ROWS + 1L);
	}

	/** The repository. */
	@Benchmark
	public DbUser repository() {
		return this.repository.findById(nextId()).orElseThrow();
	}

	/** The template. */
	@Benchmark
	public DbUser template() {
		return this.template.findById(nextId(), DbUser.class).orElseThrow();
	}

	/** Hand-written JDBC. */
	@Benchmark
	public DbUser handWritten() throws SQLException {
		return this.jdbc.query(SELECT, HAND, nextId()).get(0);
	}

}
