package io.databridge.postgres.autoconfigure;

import java.util.Set;

import io.databridge.postgres.core.PgOperations;
import io.databridge.postgres.repository.support.PgRepositoryFactoryBean;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * Makes every {@link PgOperations} bean (the {@code PgTemplate}) and every data-bridge
 * repository depend on the application's database initialization: Flyway, Liquibase and
 * {@code spring.sql.init} scripts then have run before repositories validate their SQL
 * against the schema at start-up, whatever else (a user-defined {@code JdbcTemplate}, no
 * {@code JdbcTemplate} bean at all) the context holds.
 *
 * @see DependsOnDatabaseInitializationDetector
 */
class PgDependsOnDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(PgOperations.class, PgRepositoryFactoryBean.class);
	}

}
