package io.databridge.postgres.autoconfigure;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.event.AuditingEntityCallback;
import io.databridge.postgres.repository.config.EnablePgAuditing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.persistence.autoconfigure.EntityScanner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configures data-bridge's {@link PgTemplate}, mapping context and codecs on the application's
 * single DataSource. Boot's DataSource, {@link JdbcTemplate} and transaction manager are used as
 * they are; every bean here backs off when the application defines its own. With
 * {@code databridge.pg.auditing.enabled=true} it also registers auditing, as
 * {@link EnablePgAuditing} does, unless an {@link AuditingEntityCallback} bean exists.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class })
@ConditionalOnClass({ PgTemplate.class, DataSource.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PgDataProperties.class)
public final class PgDataAutoConfiguration {

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

	@Bean
	@ConditionalOnMissingBean
	ValueCodecs pgValueCodecs() {
		return new ValueCodecs();
	}

	@Bean
	@ConditionalOnMissingBean
	PgTemplate pgTemplate(ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource,
			PgMappingContext mappingContext, ValueCodecs codecs,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		JdbcTemplate jdbc = jdbcTemplate.getIfAvailable(() -> new JdbcTemplate(dataSource));
		PgTemplate template = new PgTemplate(jdbc, mappingContext, codecs);
		transactionManager.ifUnique(template::setTransactionManager);
		return template;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("databridge.pg.auditing.enabled")
	@ConditionalOnMissingBean(AuditingEntityCallback.class)
	@EnablePgAuditing
	static class AuditingConfiguration {

	}
}
