package io.databridge.postgres.autoconfigure.actuate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.databridge.postgres.autoconfigure.PgDataAutoConfiguration;
import io.databridge.postgres.autoconfigure.PgDataProperties;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.observation.PgBulkObservationConvention;
import io.databridge.postgres.observation.PgCatalog;
import io.databridge.postgres.observation.PgMonitor;
import io.databridge.postgres.observation.PgStatementObservationConvention;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures operations support: observations of every statement and bulk load
 * through the application's {@link ObservationRegistry} (none without one), the
 * {@link PgCatalog} of every repository statement (and the {@code databridge} Actuator
 * endpoint over it), the {@code databridge} health contributor when Spring Boot's health
 * support is present ({@code management.health.databridge.enabled}), and the database
 * statistics meters when a Micrometer {@link MeterRegistry} exists
 * ({@code databridge.pg.statistics.enabled}). Ordered after Boot's metrics
 * auto-configurations so that their registry is seen.
 */
@AutoConfiguration(after = PgDataAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(PgMonitor.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({ PgHealthProperties.class, PgStatisticsProperties.class })
public final class PgActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PgMonitor pgMonitor(DataSource dataSource, PgHealthProperties properties) {
		return new PgMonitor(dataSource, properties.getTimeout());
	}

	@Bean
	static PgTemplateObservationPostProcessor pgTemplateObservationPostProcessor(
			ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<PgStatementObservationConvention> statementConvention,
			ObjectProvider<PgBulkObservationConvention> bulkConvention, ObjectProvider<PgDataProperties> properties) {
		return new PgTemplateObservationPostProcessor(registry, statementConvention, bulkConvention, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PgCatalog pgCatalog() {
		return new PgCatalog();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(PgCatalogEndpoint.class)
	static class CatalogEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PgCatalogEndpoint pgCatalogEndpoint(PgCatalog catalog) {
			return new PgCatalogEndpoint(catalog);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("databridge")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "databridgeHealthIndicator")
		PgHealthIndicator databridgeHealthIndicator(PgMonitor monitor, PgHealthProperties properties,
				DataSource dataSource) {
			ReadRoutingDataSource routing = routing(dataSource);
			return (routing != null)
					? new PgHealthIndicator(monitor, properties.getInDoubtGrace(), routing::replicaStates)
					: new PgHealthIndicator(monitor, properties.getInDoubtGrace());
		}

		private static @Nullable ReadRoutingDataSource routing(DataSource dataSource) {
			try {
				return dataSource.isWrapperFor(ReadRoutingDataSource.class)
						? dataSource.unwrap(ReadRoutingDataSource.class) : null;
			}
			catch (SQLException ex) {
				return null;
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "databridge.pg.statistics.enabled", matchIfMissing = true)
	static class StatisticsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PgStatisticsMetrics pgStatisticsMetrics(PgMonitor monitor, PgStatisticsProperties properties,
				ObjectProvider<PgMappingContext> mappingContext) {
			return new PgStatisticsMetrics(monitor, () -> mappedTables(mappingContext.getIfAvailable()),
					properties.getInterval());
		}

		private static List<String> mappedTables(@Nullable PgMappingContext mappingContext) {
			List<String> tables = new ArrayList<>();
			if (mappingContext != null) {
				for (PgPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
					String schema = entity.schema();
					String table = quote(entity.tableName());
					tables.add((schema != null) ? quote(schema) + "." + table : table);
				}
			}
			return tables;
		}

		private static String quote(String identifier) {
			return '"' + identifier.replace("\"", "\"\"") + '"';
		}

	}

}
