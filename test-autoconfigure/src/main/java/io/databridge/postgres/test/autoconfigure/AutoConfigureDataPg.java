package io.databridge.postgres.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the auto-configurations of a {@link DataPgTest}: Boot's DataSource, transaction
 * manager and {@code JdbcTemplate}, Flyway, Liquibase and {@code spring.sql.init} (where
 * on the class path), Jackson (for {@code @Jsonb} properties), and data-bridge's
 * {@code PgTemplate} and repositories. Use it on a test of another slice, or on a
 * {@code @SpringBootTest} with auto-configuration switched off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDataPg {

}
