package io.databridge.postgres.autoconfigure;

import javax.sql.DataSource;

import io.databridge.postgres.support.PgTransactionManager;
import io.databridge.postgres.support.PgTransientFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.RetryAnnotationBeanPostProcessor;
import org.springframework.transaction.TransactionManager;

/**
 * Bounded waits, one exception contract and opt-in retries:
 * <ul>
 * <li>a {@link PgTransactionManager} as the application's transaction manager (in place
 * of Boot's {@code JdbcTransactionManager}, with Boot's customizers applied), so that
 * begin, commit and rollback failures are {@code DataAccessException}s and a commit with
 * an unknown outcome says so;</li>
 * <li>TCP keepalive on a HikariCP pool's connections ({@code databridge.pg.keepalive.*});
 * </li>
 * <li>the {@link PgTransientFailures} classifier, a {@code pgRetryTemplate} built from
 * {@code databridge.pg.retry.*}, {@code @Retryable}/{@code @PgRetryable} processing when
 * {@code databridge.pg.retry.enabled=true}, and a {@code databridge.pg.retries} counter
 * when Micrometer is there.</li>
 * </ul>
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		before = DataSourceTransactionManagerAutoConfiguration.class)
@ConditionalOnClass({ PgTransactionManager.class, DataSource.class })
@EnableConfigurationProperties(PgDataProperties.class)
public final class PgResilienceAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnMissingBean(TransactionManager.class)
	PgTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		PgTransactionManager transactionManager = new PgTransactionManager(dataSource);
		customizers.ifAvailable((each) -> each.customize(transactionManager));
		return transactionManager;
	}

	@Bean
	@ConditionalOnMissingBean
	PgTransientFailures pgTransientFailures() {
		return new PgTransientFailures();
	}

	@Bean
	@ConditionalOnMissingBean(name = "pgRetryTemplate")
	RetryTemplate pgRetryTemplate(PgTransientFailures transientFailures, PgDataProperties properties,
			ObjectProvider<PgRetryMetrics> metrics) {
		PgRetryProperties retry = properties.getRetry();
		RetryTemplate template = new RetryTemplate(transientFailures.retryPolicy(retry.getMaxRetries(),
				retry.getDelay(), retry.getJitter(), retry.getMultiplier(), retry.getMaxDelay()));
		metrics.ifAvailable(template::setRetryListener);
		return template;
	}

	/** Keepalive on a HikariCP pool's connections. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	@ConditionalOnBooleanProperty(name = "databridge.pg.keepalive.enabled", matchIfMissing = true)
	static class KeepAliveConfiguration {

		@Bean
		static KeepAliveDataSourcePostProcessor pgKeepAliveDataSourcePostProcessor(Environment environment) {
			return new KeepAliveDataSourcePostProcessor(environment);
		}

	}

	/** Spring's {@code @Retryable} processing, switched on by a property. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("databridge.pg.retry.enabled")
	@ConditionalOnMissingBean(RetryAnnotationBeanPostProcessor.class)
	@EnableResilientMethods
	static class ResilientMethodsConfiguration {

	}

	/** Counts retries in {@code databridge.pg.retries}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class RetryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PgRetryMetrics pgRetryMetrics(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
			return new PgRetryMetrics(registry);
		}

	}

}
