package io.databridge.postgres.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.support.KeepAliveSocketFactory;
import io.databridge.postgres.support.PgTransactionManager;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resilience auto-configuration on a real database: the transaction manager,
 * keepalive on Boot's HikariCP pool, statement timeouts and pool acquisition timeouts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PgResilienceAutoConfigurationIntegrationTests {

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
							PgDataAutoConfiguration.class, PgResilienceAutoConfiguration.class))
			.withInitializer((context) -> TestPropertyValues.of(TestDatabase.shared().springDataSourceProperties())
				.applyTo(context));
	}

	@Test
	void transactionManagerIsPgTransactionManagerAndThePoolGetsKeepalive() {
		runner().withPropertyValues("databridge.pg.keepalive.idle=10s", "databridge.pg.keepalive.count=3")
			.run((context) -> {
				assertThat(context).getBean(PlatformTransactionManager.class).isInstanceOf(PgTransactionManager.class);
				assertThat(context.getBean(PgTemplate.class).getTransactionManager())
					.isSameAs(context.getBean(PlatformTransactionManager.class));
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				assertThat(pool.getDataSourceProperties()).containsEntry("tcpKeepAlive", "true")
					.containsEntry("socketFactory", KeepAliveSocketFactory.class.getName())
					.containsEntry("socketFactoryArg", "idle=10,interval=5,count=3");
				assertThat(
						context.getBean(PgTemplate.class).getJdbcOperations().queryForObject("SELECT 1", Integer.class))
					.isEqualTo(1);
			});
	}

	@Test
	void keepaliveCanBeSwitchedOffAndBacksOffForAnOwnSocketFactory() {
		runner().withPropertyValues("databridge.pg.keepalive.enabled=false")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
				.doesNotContainKey("socketFactory"));
		runner()
			.withPropertyValues("spring.datasource.hikari.data-source-properties.socketFactory=javax.net.SocketFactory")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
				.containsEntry("socketFactory", "javax.net.SocketFactory")
				.doesNotContainKey("socketFactoryArg"));
	}

	@Test
	void aBadKeepaliveSettingFailsTheStartNamingIt() {
		runner().withPropertyValues("databridge.pg.keepalive.interval=1500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("interval")
				.hasMessageContaining("whole number of seconds"));
	}

	@Test
	void transactionTimeoutReachesTheStatement() {
		runner().run((context) -> {
			PgTemplate template = context.getBean(PgTemplate.class);
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction.setTimeout(1);
			long start = System.nanoTime();
			assertThatThrownBy(() -> transaction
				.executeWithoutResult((status) -> template.getJdbcOperations().execute("SELECT pg_sleep(30)")))
				.isInstanceOf(QueryTimeoutException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		});
	}

	@Test
	void defaultStatementTimeoutReachesStatementsAndATransactionTimeoutTakesPrecedence() {
		runner().withPropertyValues("databridge.pg.default-statement-timeout=1s").run((context) -> {
			PgTemplate template = context.getBean(PgTemplate.class);
			assertThatThrownBy(() -> template.getJdbcOperations().execute("SELECT pg_sleep(30)"))
				.isInstanceOf(QueryTimeoutException.class);
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction.setTimeout(20);
			transaction.executeWithoutResult((status) -> template.getJdbcOperations().execute("SELECT pg_sleep(2)"));
		});
	}

	@Test
	void poolAcquisitionTimeoutIsADataAccessExceptionInAndOutsideTransactions() {
		runner()
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
					"spring.datasource.hikari.connection-timeout=250")
			.run((context) -> {
				PgTemplate template = context.getBean(PgTemplate.class);
				DataSource dataSource = context.getBean(DataSource.class);
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				CountDownLatch held = new CountDownLatch(1);
				CountDownLatch release = new CountDownLatch(1);
				try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
					Future<?> holder = executor.submit(() -> {
						try (var connection = dataSource.getConnection()) {
							held.countDown();
							release.await();
						}
						return null;
					});
					assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
					try {
						assertThatThrownBy(() -> transaction
							.executeWithoutResult((status) -> template.getJdbcOperations().execute("SELECT 1")))
							.isInstanceOf(CannotGetJdbcConnectionException.class)
							.hasMessageContaining("Connection is not available");
						assertThatThrownBy(() -> template.getJdbcOperations().execute("SELECT 1"))
							.isInstanceOf(CannotGetJdbcConnectionException.class);
					}
					finally {
						release.countDown();
					}
					holder.get(30, TimeUnit.SECONDS);
				}
			});
	}

}
