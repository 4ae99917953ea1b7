package io.databridge.benchmarks.contenders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The yardstick: what an expert writes by hand. Inserts are {@code PreparedStatement}
 * batches of 1,000 rows in one transaction (the URL has
 * {@code reWriteBatchedInserts=true}); reads are Spring's {@code JdbcTemplate} with a
 * hand-written {@link RowMapper} reading columns by index; streaming uses a fetch size
 * inside a transaction.
 */
public final class JdbcContender extends EntityContender<BenchRow> {

	static final String SELECT = "SELECT " + BenchEnvironment.COLUMNS + " FROM " + BenchEnvironment.TABLE;

	static final String SELECT_RANGE = SELECT + " WHERE id >= ? AND id < ? ORDER BY id";

	static final String SELECT_BY_ID = SELECT + " WHERE id = ?";

	static final String INSERT = "INSERT INTO " + BenchEnvironment.TABLE + " (" + BenchEnvironment.COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final int BATCH = 1000;

	/** The hand-written row mapper: columns by index, one getter per type. */
	static final RowMapper<BenchRow> ROW_MAPPER = (rs, rowNum) -> map(rs);

	private @Nullable HikariDataSource pool;

	private @Nullable JdbcTemplate jdbc;

	private @Nullable JdbcTemplate streamingJdbc;

	private @Nullable TransactionTemplate transactions;

	@Override
	public String name() {
		return "jdbc";
	}

	@Override
	public String description() {
		return "hand-written: PreparedStatement batches of 1000 (reWriteBatchedInserts=true) in one transaction; "
				+ "JdbcTemplate + hand-written RowMapper for reads";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public void open(BenchEnvironment environment) {
		HikariDataSource ds = environment.newDataSource(name(), 4);
		this.pool = ds;
		this.dataSource = ds;
		this.jdbc = new JdbcTemplate(ds);
		JdbcTemplate streaming = new JdbcTemplate(ds);
		streaming.setFetchSize(environment.fetchSize());
		this.streamingJdbc = streaming;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
	}

	@Override
	protected BenchRow toEntity(BenchRow row) {
		return new BenchRow(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(), row.balance(),
				row.createdAt(), row.externalId(), row.profile());
	}

	@Override
	protected BenchRow toRow(BenchRow entity) {
		return entity;
	}

	@Override
	protected void insert(List<BenchRow> rows) throws SQLException {
		try (Connection connection = dataSource().getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
				int pending = 0;
				for (BenchRow row : rows) {
					ps.setLong(1, row.id());
					ps.setString(2, row.name());
					ps.setString(3, row.email());
					ps.setInt(4, row.age());
					ps.setBoolean(5, row.active());
					ps.setDouble(6, row.score());
					ps.setBigDecimal(7, row.balance());
					ps.setObject(8, OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
					ps.setObject(9, row.externalId());
					ps.setString(10, row.profile());
					ps.addBatch();
					if (++pending == BATCH) {
						ps.executeBatch();
						pending = 0;
					}
				}
				if (pending > 0) {
					ps.executeBatch();
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	@Override
	protected List<BenchRow> selectRange(long fromId, long toId) {
		return jdbc().query(SELECT_RANGE, ROW_MAPPER, fromId, toId);
	}

	@Override
	protected @Nullable BenchRow findById(long id) {
		List<BenchRow> rows = jdbc().query(SELECT_BY_ID, ROW_MAPPER, id);
		return rows.isEmpty() ? null : rows.get(0);
	}

	@Override
	protected void stream(Consumer<BenchRow> sink) {
		JdbcTemplate streaming = this.streamingJdbc;
		TransactionTemplate tx = this.transactions;
		if (streaming == null || tx == null) {
			throw new IllegalStateException("not opened");
		}
		tx.executeWithoutResult(status -> streaming.query(SELECT, rs -> {
			sink.accept(map(rs));
		}));
	}

	static BenchRow map(ResultSet rs) throws SQLException {
		return new BenchRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5),
				rs.getDouble(6), rs.getBigDecimal(7), rs.getObject(8, OffsetDateTime.class).toInstant(),
				rs.getObject(9, UUID.class), rs.getString(10));
	}

	private JdbcTemplate jdbc() {
		JdbcTemplate current = this.jdbc;
		if (current == null) {
			throw new IllegalStateException("not opened");
		}
		return current;
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
