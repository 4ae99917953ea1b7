package io.databridge.postgres.autoconfigure.ssl;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Applies the Boot SSL bundle named by {@code databridge.pg.ssl.bundle} to the
 * application's HikariCP DataSource (see {@link PgSslProperties}); without that property
 * nothing is registered and the JDBC URL's own {@code ssl*} parameters apply as before.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class, after = SslAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, org.postgresql.Driver.class, com.zaxxer.hikari.HikariDataSource.class })
@ConditionalOnProperty("databridge.pg.ssl.bundle")
@EnableConfigurationProperties(PgSslProperties.class)
public final class PgSslAutoConfiguration {

	/**
	 * The post-processor; static and bound from the environment directly, because bean
	 * post-processors are created before configuration properties beans are bound.
	 */
	@Bean
	static PgSslDataSourcePostProcessor pgSslDataSourcePostProcessor(Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		PgSslProperties properties = Binder.get(environment)
			.bind("databridge.pg.ssl", PgSslProperties.class)
			.orElseGet(PgSslProperties::new);
		return new PgSslDataSourcePostProcessor(properties, sslBundles);
	}

}
