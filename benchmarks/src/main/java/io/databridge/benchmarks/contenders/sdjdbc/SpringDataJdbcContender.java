package io.databridge.benchmarks.contenders.sdjdbc;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Data JDBC through its repositories, as an application uses them: {@code saveAll}
 * (batched inserts for new entities; in chunks of 10,000 inside one transaction, since
 * one call with 1,000,000 entities needs more than a 3 GB heap), {@code findById}, a
 * derived range query and a {@code Stream} query with a fetch size inside a transaction.
 * Repository methods are transactional, as Spring Data JDBC declares them.
 */
public final class SpringDataJdbcContender extends EntityContender<SdUser> {

	/** Entities per saveAll call, all in one transaction. */
	static final int CHUNK = 10_000;

	private @Nullable HikariDataSource pool;

	private @Nullable AnnotationConfigApplicationContext context;

	private @Nullable SdUserRepository repository;

	private @Nullable TransactionTemplate transactions;

	@Override
	public String name() {
		return "spring-data-jdbc";
	}

	@Override
	public String description() {
		return "Spring Data JDBC repository: saveAll of new (Persistable) entities in chunks of 10,000 in one transaction, "
				+ "findById, derived range query, Stream query";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public void open(BenchEnvironment environment) {
		HikariDataSource ds = environment.newDataSource(name(), 4);
		this.pool = ds;
		this.dataSource = ds;
		AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
		ctx.registerBean(DataSource.class, () -> ds);
		ctx.registerBean(BenchEnvironment.class, () -> environment);
		ctx.register(SdJdbcConfiguration.class);
		ctx.refresh();
		this.context = ctx;
		this.repository = ctx.getBean(SdUserRepository.class);
		this.transactions = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
	}

	@Override
	protected SdUser toEntity(BenchRow row) {
		return new SdUser(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(), row.balance(),
				row.createdAt(), row.externalId(), row.profile())
			.fresh();
	}

	@Override
	protected BenchRow toRow(SdUser user) {
		return new BenchRow(user.getId(), user.getName(), user.getEmail(), user.getAge(), user.isActive(),
				user.getScore(), user.getBalance(), user.getCreatedAt(), user.getExternalId(), user.getProfile());
	}

	@Override
	protected void insert(List<SdUser> entities) {
		SdUserRepository users = require(this.repository);
		require(this.transactions).executeWithoutResult(status -> {
			// a single saveAll of 1,000,000 entities ran out of a 3 GB heap; an
			// application chunks it
			for (int from = 0; from < entities.size(); from += CHUNK) {
				users.saveAll(entities.subList(from, Math.min(entities.size(), from + CHUNK)));
			}
		});
	}

	@Override
	protected List<SdUser> selectRange(long fromId, long toId) {
		return require(this.repository).findByIdGreaterThanEqualAndIdLessThanOrderByIdAsc(fromId, toId);
	}

	@Override
	protected @Nullable SdUser findById(long id) {
		return require(this.repository).findById(id).orElse(null);
	}

	@Override
	protected void stream(Consumer<SdUser> sink) {
		SdUserRepository users = require(this.repository);
		require(this.transactions).executeWithoutResult(status -> {
			try (Stream<SdUser> all = users.streamAll()) {
				all.forEach(sink);
			}
		});
	}

	private static <T> T require(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Spring Data JDBC contender was not opened");
		}
		return value;
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
