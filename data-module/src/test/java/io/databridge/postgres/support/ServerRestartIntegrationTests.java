package io.databridge.postgres.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.repository.PgRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An immediate restart ({@code pg_ctl stop -m immediate}, a crash for the clients) of a
 * scratch cluster on port 5434 ({@code -Dfault.restartPort} to move it) under 50
 * concurrent callers on a pool of 10. A third of the callers insert two rows per
 * transaction through {@link PgTemplate} and {@link PgTransactionManager}; a third insert
 * one row in auto-commit ({@code PgTemplate.insert} outside any transaction), and a third
 * call a repository's {@code save} with no transaction of their own (the repository's
 * {@code @Transactional} on the application's {@link PgTransactionManager}). Every error
 * must be a {@link DataAccessException}; every acknowledged write must be present; every
 * write reported as failed (not as {@link CommitOutcomeUnknownException}) must be absent;
 * and every unknown outcome is accounted for by reading the table.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerRestartIntegrationTests {

	private static final int PORT = Integer.getInteger("fault.restartPort", 5434);

	private static final int CALLERS = 50;

	@RegisterExtension
	static final ScratchClusterExtension cluster = new ScratchClusterExtension(PORT);

	@Table("restart_row")
	record Row(@Id Long id, long tx) {
	}

	interface RowRepository extends PgRepository<Row, Long> {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(basePackageClasses = RowRepository.class, considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = RowRepository.class))
	static class Repositories {

		@Bean
		PgTemplate pgTemplate(DataSource dataSource, PlatformTransactionManager transactionManager) {
			PgTemplate template = new PgTemplate(dataSource);
			template.setTransactionManager(transactionManager);
			return template;
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new PgTransactionManager(dataSource);
		}

	}

	/** How a caller writes; its transactions' ids are {@code caller * 1,000,000 + n}. */
	enum Kind {

		/** Two rows in one transaction of a {@code TransactionTemplate}. */
		TRANSACTION(2),
		/** One row by {@code PgTemplate.insert} in auto-commit. */
		AUTO_COMMIT(1),
		/** One row by a repository's {@code save}, no transaction of the caller's. */
		REPOSITORY_SAVE(1);

		final int rows;

		Kind(int rows) {
			this.rows = rows;
		}

		static Kind of(long tx) {
			return values()[(int) (tx / 1_000_000L) % values().length];
		}

	}

	@Test
	void everyErrorIsADataAccessExceptionAndNoAcknowledgedOrFailedWriteLies() throws Exception {
		Outcomes outcomes = new Outcomes();
		try (HikariDataSource pool = pool(); AnnotationConfigApplicationContext context = context(pool)) {
			new JdbcTemplate(pool).execute("CREATE TABLE restart_row (id bigint PRIMARY KEY, tx bigint NOT NULL)");
			PgTemplate template = context.getBean(PgTemplate.class);
			RowRepository repository = context.getBean(RowRepository.class);
			TransactionTemplate transactions = new TransactionTemplate(template.getTransactionManager());
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong successesAfterRestart = new AtomicLong();
			AtomicBoolean restarted = new AtomicBoolean();
			try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int caller = 0; caller < CALLERS; caller++) {
					long base = caller * 1_000_000L;
					callers.submit(() -> {
						for (long n = 0; running.get(); n++) {
							long tx = base + n;
							try {
								switch (Kind.of(tx)) {
									case TRANSACTION -> transactions.executeWithoutResult((status) -> {
										template.insert(new Row(tx * 2, tx));
										template.insert(new Row(tx * 2 + 1, tx));
									});
									case AUTO_COMMIT -> template.insert(new Row(tx * 2, tx));
									case REPOSITORY_SAVE -> repository.save(new Row(tx * 2, tx));
								}
								outcomes.acknowledged.add(tx);
								if (restarted.get()) {
									successesAfterRestart.incrementAndGet();
								}
							}
							catch (CommitOutcomeUnknownException ex) {
								outcomes.unknown.add(tx);
							}
							catch (DataAccessException ex) {
								outcomes.failed.put(tx, ex.getClass().getSimpleName());
							}
							catch (Throwable ex) {
								outcomes.foreign.add(ex);
							}
						}
					});
				}
				long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (outcomes.acknowledged.size() < 500 && System.nanoTime() < warm) {
					Thread.sleep(50);
				}
				assertThat(outcomes.acknowledged.size()).as("writes before the restart").isPositive();
				cluster.cluster().stopImmediately();
				Thread.sleep(3_000);
				cluster.cluster().restart();
				restarted.set(true);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (successesAfterRestart.get() < CALLERS && System.nanoTime() < deadline) {
					Thread.sleep(100);
				}
				running.set(false);
			}
			Map<Long, Integer> rows = new HashMap<>();
			new JdbcTemplate(pool).query("SELECT tx, count(*)::int FROM restart_row GROUP BY tx",
					(RowCallbackHandler) (rs) -> rows.put(rs.getLong(1), rs.getInt(2)));
			Set<Long> present = rows.keySet();
			List<Long> halfWritten = rows.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != Kind.of(entry.getKey()).rows)
				.map(Map.Entry::getKey)
				.toList();
			String summary = String.format(
					"restart under %d callers: %d acknowledged, %d failed %s, %d unknown outcome "
							+ "(%d of them committed), %d successes after the restart",
					CALLERS, outcomes.acknowledged.size(), outcomes.failed.size(),
					new HashSet<>(outcomes.failed.values()), outcomes.unknown.size(),
					outcomes.unknown.stream().filter(present::contains).count(), successesAfterRestart.get());
			assertThat(outcomes.foreign).as("errors that are not DataAccessExceptions; " + summary).isEmpty();
			assertThat(outcomes.failed).as("the restart made calls fail; " + summary).isNotEmpty();
			assertThat(halfWritten).as("transactions half written").isEmpty();
			assertThat(present).as("acknowledged writes are present").containsAll(outcomes.acknowledged);
			List<Long> failedButPresent = new ArrayList<>(outcomes.failed.keySet());
			failedButPresent.retainAll(present);
			assertThat(failedButPresent).as("writes reported failed (not unknown) yet committed; " + summary).isEmpty();
			assertThat(outcomes.acknowledged.stream().map(Kind::of).distinct())
				.as("every kind of caller wrote; " + summary)
				.containsExactlyInAnyOrder(Kind.values());
			assertThat(successesAfterRestart.get()).as("calls recovered after the restart; " + summary)
				.isGreaterThan(0);
		}
	}

	private static AnnotationConfigApplicationContext context(DataSource pool) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(DataSource.class, () -> pool);
		context.register(Repositories.class);
		context.refresh();
		return context;
	}

	private static HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(cluster.cluster().jdbcUrl("postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(10);
		config.setConnectionTimeout(2_000);
		config.setPoolName("restart");
		config.addDataSourceProperty("tcpKeepAlive", "true");
		config.addDataSourceProperty("socketFactory", KeepAliveSocketFactory.class.getName());
		return new HikariDataSource(config);
	}

	private static final class Outcomes {

		final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

		final Set<Long> unknown = ConcurrentHashMap.newKeySet();

		final Map<Long, String> failed = new ConcurrentHashMap<>();

		final Set<Throwable> foreign = ConcurrentHashMap.newKeySet();

	}

}
