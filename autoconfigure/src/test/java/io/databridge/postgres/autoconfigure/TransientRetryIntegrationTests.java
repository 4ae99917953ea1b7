package io.databridge.postgres.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.support.CommitOutcomeUnknownException;
import io.databridge.postgres.support.PgRetryable;
import io.databridge.postgres.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opt-in retries of whole transactions: two concurrent SERIALIZABLE transfers between the
 * same two accounts, 1,000 each way, force serialization failures (40001); with
 * {@link PgRetryable} (and with {@code pgRetryTemplate}) every transfer ends applied
 * once, the balance stays consistent and {@code databridge.pg.retries} counts the
 * retries.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TransientRetryIntegrationTests {

	private static final int TRANSFERS = 1_000;

	/** Transfers each way through pgRetryTemplate: the same path, fewer of them. */
	private static final int TEMPLATE_TRANSFERS = 200;

	@BeforeAll
	static void accounts() {
		TestDatabase.shared().execute("CREATE TABLE retry_account (id int PRIMARY KEY, balance bigint NOT NULL)");
	}

	@Test
	void retriedTransactionalMethodKeepsTheBalanceUnderForcedSerializationFailures() {
		PgResilienceAutoConfigurationIntegrationTests.runner()
			.withPropertyValues("databridge.pg.retry.enabled=true")
			.withUserConfiguration(TransferConfiguration.class)
			.run((context) -> {
				Transfers transfers = context.getBean(Transfers.class);
				JdbcOperations jdbc = context.getBean(PgTemplate.class).getJdbcOperations();
				reset(jdbc);
				runConcurrently(TRANSFERS, (from, to) -> transfers.transfer(from, to, 3));
				assertBalanced(jdbc);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				double retries = meters.find(PgRetryMetrics.METER)
					.tag("source", "method")
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum();
				System.out.printf("%d x 2 SERIALIZABLE transfers with @PgRetryable: %.0f retries%n", TRANSFERS,
						retries);
				assertThat(retries).isGreaterThan(0);
				assertThat(meters.find(PgRetryMetrics.METER).tag("reason", "40001").counters()).isNotEmpty();
			});
	}

	@Test
	void retryTemplateAroundATransactionTemplateDoesTheSame() {
		PgResilienceAutoConfigurationIntegrationTests.runner()
			.withPropertyValues("databridge.pg.retry.max-retries=50", "databridge.pg.retry.delay=2ms",
					"databridge.pg.retry.jitter=1ms")
			.withUserConfiguration(MetricsConfiguration.class)
			.run((context) -> {
				PgTemplate template = context.getBean(PgTemplate.class);
				RetryTemplate retry = context.getBean("pgRetryTemplate", RetryTemplate.class);
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				transaction.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
				JdbcOperations jdbc = template.getJdbcOperations();
				reset(jdbc);
				runConcurrently(TEMPLATE_TRANSFERS, (from, to) -> retry
					.invoke(() -> transaction.executeWithoutResult((status) -> move(jdbc, from, to, 3))));
				assertBalanced(jdbc);
				double retries = context.getBean(MeterRegistry.class)
					.find(PgRetryMetrics.METER)
					.tag("source", "template")
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum();
				assertThat(retries).isGreaterThan(0);
			});
	}

	@Test
	void aStatementInsideAnEnclosingTransactionIsNeverRetried() {
		PgResilienceAutoConfigurationIntegrationTests.runner()
			.withPropertyValues("databridge.pg.retry.enabled=true")
			.withUserConfiguration(TransferConfiguration.class)
			.run((context) -> {
				Transfers transfers = context.getBean(Transfers.class);
				TransactionTemplate outer = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
				AtomicInteger attempts = new AtomicInteger();
				assertThatThrownBy(() -> outer.executeWithoutResult((status) -> transfers.failSerialization(attempts)))
					.isInstanceOf(ConcurrencyFailureException.class);
				assertThat(attempts).hasValue(1);
				attempts.set(0);
				assertThatThrownBy(() -> transfers.failSerialization(attempts))
					.isInstanceOf(ConcurrencyFailureException.class);
				assertThat(attempts).hasValue(4);
				attempts.set(0);
				assertThatThrownBy(() -> transfers.failUnknownCommit(attempts))
					.isInstanceOf(CommitOutcomeUnknownException.class);
				assertThat(attempts).hasValue(1);
			});
	}

	private static void reset(JdbcOperations jdbc) {
		jdbc.update("DELETE FROM retry_account");
		jdbc.update("INSERT INTO retry_account VALUES (1, 100000), (2, 100000)");
	}

	private static void assertBalanced(JdbcOperations jdbc) {
		List<Long> balances = jdbc.queryForList("SELECT balance FROM retry_account ORDER BY id", Long.class);
		assertThat(balances).containsExactly(100000L, 100000L);
	}

	interface Transfer {

		void run(int from, int to);

	}

	private static void runConcurrently(int transfers, Transfer transfer) throws Exception {
		try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
			List<Future<?>> directions = new ArrayList<>();
			directions.add(executor.submit(() -> {
				for (int i = 0; i < transfers; i++) {
					transfer.run(1, 2);
				}
			}));
			directions.add(executor.submit(() -> {
				for (int i = 0; i < transfers; i++) {
					transfer.run(2, 1);
				}
			}));
			for (Future<?> direction : directions) {
				direction.get(240, TimeUnit.SECONDS);
			}
		}
	}

	static void move(JdbcOperations jdbc, int from, int to, long amount) {
		Long source = jdbc.queryForObject("SELECT balance FROM retry_account WHERE id = ?", Long.class, from);
		Long target = jdbc.queryForObject("SELECT balance FROM retry_account WHERE id = ?", Long.class, to);
		jdbc.update("UPDATE retry_account SET balance = ? WHERE id = ?", source - amount, from);
		jdbc.update("UPDATE retry_account SET balance = ? WHERE id = ?", target + amount, to);
	}

	/** A service whose transfers are retried as a whole. */
	static class Transfers {

		private final JdbcOperations jdbc;

		Transfers(PgTemplate template) {
			this.jdbc = template.getJdbcOperations();
		}

		@PgRetryable(maxRetries = 50, delay = 2, jitter = 1, maxDelay = 50)
		@Transactional(isolation = Isolation.SERIALIZABLE)
		public void transfer(int from, int to, long amount) {
			move(this.jdbc, from, to, amount);
		}

		@PgRetryable(maxRetries = 3, delay = 1, jitter = 0)
		@Transactional
		public void failSerialization(AtomicInteger attempts) {
			attempts.incrementAndGet();
			this.jdbc.execute("DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END $$");
		}

		@PgRetryable(maxRetries = 3, delay = 1, jitter = 0)
		public void failUnknownCommit(AtomicInteger attempts) {
			attempts.incrementAndGet();
			throw new CommitOutcomeUnknownException("forced", new java.sql.SQLException("forced", "08006"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TransferConfiguration extends MetricsConfiguration {

		@Bean
		Transfers transfers(PgTemplate template) {
			return new Transfers(template);
		}

	}

}
