package io.databridge.postgres.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.PgConverters;
import io.databridge.postgres.mapping.event.AuditingEntityCallback;
import io.databridge.postgres.repository.config.EnablePgAuditing;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.CustomConversions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configures data-bridge's {@link PgTemplate}, mapping context and codecs on the
 * application's single DataSource. Codecs apply the application's {@link PgConverters}
 * bean and the converters of its Spring Data {@link CustomConversions} bean (user
 * converters for every path: parameters, rows and COPY) and its Jackson
 * {@code ObjectMapper} for jsonb. Boot's DataSource, {@link JdbcTemplate} and transaction
 * manager are used as they are; every bean here backs off when the application defines
 * its own. Every {@link BulkProgressListener} bean (the application's, and the Micrometer
 * counter of {@link PgBulkMetricsAutoConfiguration}) hears bulk inserts' progress. A
 * HikariCP or pgjdbc below data-bridge's floors is reported in one WARN at start-up. With
 * {@code databridge.pg.auditing.enabled=true} it also registers auditing, as
 * {@link EnablePgAuditing} does, unless an {@link AuditingEntityCallback} bean exists.
 */
@AutoConfiguration(
		after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ PgTemplate.class, DataSource.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PgDataProperties.class)
public final class PgDataAutoConfiguration {

	PgDataAutoConfiguration(ApplicationContext context) {
		DependencyFloors.warnIfBelow(context.getClassLoader() != null ? context.getClassLoader()
				: PgDataAutoConfiguration.class.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	PgMappingContext pgMappingContext(PgDataProperties properties, ObjectProvider<NamingStrategy> namingStrategy,
			ApplicationContext context) throws ClassNotFoundException {
		NamingStrategy naming = namingStrategy.getIfAvailable(() -> switch (properties.getNaming()) {
			case SNAKE_CASE -> NamingStrategy.SNAKE_CASE;
			case AS_IS -> NamingStrategy.AS_IS;
		});
		PgMappingContext mappingContext = new PgMappingContext(naming);
		mappingContext.setInitialEntitySet(new EntityScanner(context).scan(io.databridge.postgres.mapping.Table.class));
		return mappingContext;
	}

	/** Codecs with the application's converters and, for jsonb, its Jackson mapper. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "tools.jackson.databind.ObjectMapper")
	static class JacksonCodecsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ValueCodecs pgValueCodecs(ObjectProvider<PgConverters> converters,
				ObjectProvider<CustomConversions> conversions,
				ObjectProvider<tools.jackson.databind.ObjectMapper> objectMapper) {
			return new ValueCodecs(converters(converters, conversions), objectMapper.getIfUnique());
		}

	}

	/**
	 * Codecs with the application's converters; JSON properties then fail at start-up,
	 * naming Jackson.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("tools.jackson.databind.ObjectMapper")
	static class PlainCodecsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ValueCodecs pgValueCodecs(ObjectProvider<PgConverters> converters,
				ObjectProvider<CustomConversions> conversions) {
			return new ValueCodecs(converters(converters, conversions));
		}

	}

	/**
	 * The application's {@link PgConverters} bean and the converters of its Spring Data
	 * {@link CustomConversions} bean, if any.
	 */
	static PgConverters converters(ObjectProvider<PgConverters> converters,
			ObjectProvider<CustomConversions> conversions) {
		PgConverters declared = converters.getIfAvailable(PgConverters::none);
		CustomConversions custom = conversions.getIfUnique();
		return custom != null ? declared.and(PgConverters.from(custom)) : declared;
	}

	@Bean
	@ConditionalOnMissingBean
	PgTemplate pgTemplate(ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource,
			PgMappingContext mappingContext, ValueCodecs codecs,
			ObjectProvider<PlatformTransactionManager> transactionManager, PgDataProperties properties,
			ObjectProvider<BulkProgressListener> bulkProgress) {
		JdbcTemplate jdbc = withStatementTimeout(jdbcTemplate.getIfAvailable(() -> new JdbcTemplate(dataSource)),
				properties.getDefaultStatementTimeout());
		PgTemplate template = new PgTemplate(jdbc, mappingContext, codecs);
		transactionManager.ifUnique(template::setTransactionManager);
		template.setBulkSettings(properties.getBulk().toSettings());
		List<BulkProgressListener> listeners = bulkProgress.orderedStream().toList();
		if (listeners.size() == 1) {
			template.setBulkProgressListener(listeners.get(0));
		}
		else if (listeners.size() > 1) {
			template.setBulkProgressListener((table, partition, rows) -> listeners
				.forEach((listener) -> listener.rowsWritten(table, partition, rows)));
		}
		return template;
	}

	/**
	 * The template data-bridge runs its statements on: the application's, or with
	 * {@code databridge.pg.default-statement-timeout} a copy of it with that query
	 * timeout (a transaction's own timeout still takes precedence, as Spring applies it
	 * first).
	 */
	static JdbcTemplate withStatementTimeout(JdbcTemplate jdbc, @Nullable Duration timeout) {
		if (timeout == null || timeout.isZero()) {
			return jdbc;
		}
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(
					"databridge.pg.default-statement-timeout must not be negative, got " + timeout);
		}
		JdbcTemplate copy = new JdbcTemplate();
		DataSource dataSource = jdbc.getDataSource();
		if (dataSource != null) {
			copy.setDataSource(dataSource);
		}
		copy.setExceptionTranslator(jdbc.getExceptionTranslator());
		copy.setFetchSize(jdbc.getFetchSize());
		copy.setMaxRows(jdbc.getMaxRows());
		copy.setIgnoreWarnings(jdbc.isIgnoreWarnings());
		copy.setSkipResultsProcessing(jdbc.isSkipResultsProcessing());
		copy.setSkipUndeclaredResults(jdbc.isSkipUndeclaredResults());
		copy.setResultsMapCaseInsensitive(jdbc.isResultsMapCaseInsensitive());
		long millis = timeout.toMillis();
		copy.setQueryTimeout(Math.toIntExact(Math.max(1, (millis + 999) / 1000)));
		return copy;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "databridge.pg.bulk.recover-on-startup", matchIfMissing = true)
	BulkRecoveryAtStartup pgBulkRecoveryAtStartup(PgTemplate template) {
		return new BulkRecoveryAtStartup(template);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("databridge.pg.auditing.enabled")
	@ConditionalOnMissingBean(AuditingEntityCallback.class)
	@EnablePgAuditing
	static class AuditingConfiguration {

	}

}
