package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.MicrometerBulkProgressListener;
import io.databridge.postgres.core.PgTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code databridge.bulk.rows} is counted with the registry of Boot's real metrics
 * auto-configurations, whatever order the auto-configurations are listed in.
 */
class PgBulkMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PgBulkMetricsAutoConfiguration.class, PgDataAutoConfiguration.class,
				DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none");

	@Test
	void countsBulkRowsInTheRegistryOfBootsMetricsAutoConfiguration() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run(context -> {
				BulkProgressListener listener = context.getBean(PgTemplate.class).getBulkProgressListener();
				assertThat(listener).isInstanceOf(MicrometerBulkProgressListener.class);
				listener.rowsWritten("users", 0, 5);
				assertThat(context.getBean(MeterRegistry.class)
					.get(MicrometerBulkProgressListener.METER)
					.tag("table", "users")
					.counter()
					.count()).isEqualTo(5.0);
			});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerBulkProgressListener.class));
	}

	@Test
	void countsNextToTheApplicationsOwnListener() {
		java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
		BulkProgressListener own = (table, partition, rows) -> heard.addAndGet(rows);
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withBean(BulkProgressListener.class, () -> own)
			.run(context -> {
				context.getBean(PgTemplate.class).getBulkProgressListener().rowsWritten("users", 1, 7);
				assertThat(heard).hasValue(7);
				assertThat(context.getBean(MeterRegistry.class)
					.get(MicrometerBulkProgressListener.METER)
					.counter()
					.count()).isEqualTo(7.0);
			});
	}

}
