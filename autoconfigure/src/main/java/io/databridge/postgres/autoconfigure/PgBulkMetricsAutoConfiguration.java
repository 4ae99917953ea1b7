package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.MicrometerBulkProgressListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Counts bulk-inserted rows per table in the Micrometer counter
 * {@code databridge.bulk.rows} when the application has a {@link MeterRegistry}.
 * <p>
 * Ordered after Boot's metrics auto-configurations, as Boot's own
 * {@code DataRepositoryMetricsAutoConfiguration} is: the registry they define only exists
 * once they have run, and {@link ConditionalOnBean} sees only beans defined before it.
 * The {@code PgTemplate} picks the listener up when it is created, next to the
 * application's own {@link BulkProgressListener} beans.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, BulkProgressListener.class })
@ConditionalOnBean(MeterRegistry.class)
public final class PgBulkMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MicrometerBulkProgressListener.class)
	MicrometerBulkProgressListener pgBulkMetrics(MeterRegistry registry) {
		return new MicrometerBulkProgressListener(registry);
	}

}
