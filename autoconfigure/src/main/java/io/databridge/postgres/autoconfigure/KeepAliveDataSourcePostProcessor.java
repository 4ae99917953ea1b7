package io.databridge.postgres.autoconfigure;

import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.support.KeepAliveSocketFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Gives a HikariCP pool's pgjdbc connections TCP keepalive through
 * {@link KeepAliveSocketFactory}, with {@code databridge.pg.keepalive.*}: sets the pgjdbc
 * properties {@code tcpKeepAlive}, {@code socketFactory} and {@code socketFactoryArg}
 * before the pool opens its first connection. A pool whose data-source properties or JDBC
 * URL name a {@code socketFactory} of their own, or that is not pgjdbc's, is left as it
 * is.
 */
final class KeepAliveDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	private final Environment environment;

	KeepAliveDataSourcePostProcessor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && !hikari.isRunning() && isPgjdbc(hikari)) {
			Properties properties = hikari.getDataSourceProperties();
			String url = hikari.getJdbcUrl();
			if (!properties.containsKey("socketFactory") && (url == null || !url.contains("socketFactory="))) {
				PgKeepAliveProperties keepalive = Binder.get(this.environment)
					.bindOrCreate("databridge.pg.keepalive", PgKeepAliveProperties.class);
				hikari.addDataSourceProperty("tcpKeepAlive", "true");
				hikari.addDataSourceProperty("socketFactory", KeepAliveSocketFactory.class.getName());
				hikari.addDataSourceProperty("socketFactoryArg", KeepAliveSocketFactory.argument(keepalive.getIdle(),
						keepalive.getInterval(), keepalive.getCount()));
			}
		}
		return bean;
	}

	private static boolean isPgjdbc(HikariDataSource hikari) {
		String url = hikari.getJdbcUrl();
		String driver = hikari.getDriverClassName();
		String dataSourceClass = hikari.getDataSourceClassName();
		return (url != null && url.startsWith("jdbc:postgresql:"))
				|| (driver != null && driver.startsWith("org.postgresql."))
				|| (dataSourceClass != null && dataSourceClass.startsWith("org.postgresql."));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
