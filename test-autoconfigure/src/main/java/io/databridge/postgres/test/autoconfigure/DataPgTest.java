package io.databridge.postgres.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data-bridge test: starts only what repositories need, modelled on Spring Boot's
 * {@code @DataJdbcTest}.
 * <p>
 * The context holds the {@code DataSource} (HikariCP), the transaction manager, Flyway,
 * Liquibase or {@code spring.sql.init} when the application uses them, the
 * {@code PgTemplate} and the application's data-bridge repositories; no
 * {@code @Component}, {@code @Service} or web beans (list them in
 * {@link #includeFilters()} or {@code @Import} them). Each test runs in a transaction
 * that is rolled back at its end; {@code @Transactional(propagation = NOT_SUPPORTED)} or
 * {@code @Commit} change that.
 * <p>
 * The database is PostgreSQL, never an embedded stand-in: {@code spring.datasource.url}
 * (from {@code application.yml}, {@link #properties()} or the environment), a
 * Testcontainers {@code @ServiceConnection}, or, with neither and
 * {@code data-bridge-postgres-test-support} on the class path, a fresh database from its
 * locator ({@code DATABRIDGE_TEST_JDBC_URL}, {@code localhost:5432}, else an embedded
 * PostgreSQL).
 *
 * @see AutoConfigureDataPg
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataPgTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataPgTypeExcludeFilter.class)
@Transactional
@AutoConfigureDataPg
@ImportAutoConfiguration
public @interface DataPgTest {

	/**
	 * Properties in {@code key=value} form added to the {@link Environment} before the
	 * test runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Whether the default filters apply: only data-bridge repositories (found through the
	 * {@code @SpringBootApplication} package) and the beans the slice auto-configures.
	 * @return whether the default filters apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Further component types to add to the context.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Component types to leave out of the context.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration classes to leave out of this test.
	 * @return the auto-configurations to exclude
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
