package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.support.PgRepositoryFactoryBean;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

/**
 * Creates data-bridge repositories for every interface extending {@link PgRepository} in
 * the application's auto-configuration packages, with no annotation needed. Backs off
 * when the application uses
 * {@link io.databridge.postgres.repository.EnablePgRepositories} (which registers the
 * factory beans itself) or sets {@code databridge.pg.repositories.enabled=false}.
 */
@AutoConfiguration(after = PgDataAutoConfiguration.class)
@ConditionalOnClass(PgRepository.class)
@ConditionalOnBean(PgTemplate.class)
@ConditionalOnMissingBean(PgRepositoryFactoryBean.class)
@ConditionalOnBooleanProperty(name = "databridge.pg.repositories.enabled", matchIfMissing = true)
@Import(PgRepositoriesRegistrar.class)
public final class PgRepositoriesAutoConfiguration {

}
