package io.databridge.benchmarks.contenders.databridge;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.query.Criteria;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * data-bridge as users call it: inserts through a {@code @BulkInsert} repository method (parallel binary COPY, all
 * or nothing, with the {@code databridge.pg.bulk.*} defaults), {@code findById} through a repository proxy, the
 * id-range select through {@code PgTemplate.query(sql, type, args)}, streaming through the repository's
 * {@code stream(Criteria)} (a server-side cursor inside a transaction).
 */
public final class DataBridgeContender extends EntityContender<DbUser> {

	private static final String SELECT_RANGE = "SELECT " + BenchEnvironment.COLUMNS + " FROM " + BenchEnvironment.TABLE
			+ " WHERE id >= ? AND id < ? ORDER BY id";

	private @Nullable HikariDataSource pool;

	private @Nullable PgTemplate template;

	private @Nullable DbUserRepository repository;

	private @Nullable TransactionTemplate transactions;

	@Override
	public String name() {
		return "data-bridge";
	}

	@Override
	public String description() {
		return "data-bridge: a @BulkInsert repository method (parallel binary COPY, all or nothing) for inserts, "
				+ "repository findById, PgTemplate.query for the range, repository stream(Criteria) for streaming";
	}

	@Override
	public int order() {
		return 0;
	}

	@Override
	public void open(BenchEnvironment environment) {
		HikariDataSource ds = environment.newDataSource(name(), Math.max(4, bulkSettings().getParallelism()));
		this.pool = ds;
		this.dataSource = ds;
		PgTemplate pg = new PgTemplate(ds);
		pg.setBulkSettings(bulkSettings());
		this.template = pg;
		this.repository = new PgRepositoryFactory(pg).getRepository(DbUserRepository.class);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
	}

	/**
	 * The {@code databridge.pg.bulk.*} defaults, except where a system property {@code bench.bulk.<property>}
	 * (parallelism, chunk-size in bytes, buffered-chunks) says otherwise, for studies of those settings.
	 */
	static BulkSettings bulkSettings() {
		BulkSettings settings = new BulkSettings();
		Integer parallelism = Integer.getInteger("bench.bulk.parallelism");
		if (parallelism != null) {
			settings.setParallelism(parallelism);
		}
		Integer chunkBytes = Integer.getInteger("bench.bulk.chunk-size");
		if (chunkBytes != null) {
			settings.setChunkBytes(chunkBytes);
		}
		Integer bufferedChunks = Integer.getInteger("bench.bulk.buffered-chunks");
		if (bufferedChunks != null) {
			settings.setBufferedChunks(bufferedChunks);
		}
		return settings;
	}

	@Override
	protected DbUser toEntity(BenchRow row) {
		return new DbUser(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(), row.balance(),
				row.createdAt(), row.externalId(), row.profile());
	}

	@Override
	protected BenchRow toRow(DbUser user) {
		return new BenchRow(user.id(), user.name(), user.email(), user.age(), user.active(), user.score(),
				user.balance(), user.createdAt(), user.externalId(), user.profile());
	}

	@Override
	protected void insert(List<DbUser> entities) {
		long rows = require(this.repository).importUsers(entities);
		if (rows != entities.size()) {
			throw new IllegalStateException("@BulkInsert reported " + rows + " rows for " + entities.size());
		}
	}

	@Override
	protected List<DbUser> selectRange(long fromId, long toId) {
		return require(this.template).query(SELECT_RANGE, DbUser.class, fromId, toId);
	}

	@Override
	protected @Nullable DbUser findById(long id) {
		return require(this.repository).findById(id).orElse(null);
	}

	@Override
	protected void stream(Consumer<DbUser> sink) {
		DbUserRepository users = require(this.repository);
		require(this.transactions).executeWithoutResult(status -> {
			try (Stream<DbUser> rows = users.stream(Criteria.empty())) {
				rows.forEach(sink);
			}
		});
	}

	private static <T> T require(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("data-bridge contender was not opened");
		}
		return value;
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}
}
