package io.databridge.postgres.autoconfigure.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Applies a Boot SSL bundle to every HikariCP DataSource of the context before its pool
 * starts: pgjdbc gets {@code ssl=true}, the configured {@code sslmode} and
 * {@link BundleSslSocketFactory} as {@code sslfactory}, registered with the bundle's
 * {@link SSLContext} (and re-registered when the bundle is reloaded). Other DataSource
 * types are refused at start-up rather than left without TLS, as are JDBC URLs that set
 * {@code sslmode} or {@code sslfactory} themselves (URL parameters would override the
 * bundle's). Nothing about the bundle's content is logged.
 */
final class PgSslDataSourcePostProcessor implements BeanPostProcessor, DisposableBean {

	private static final List<String> CONFLICTING = List.of("sslmode=", "sslfactory=", "ssl=false");

	private final PgSslProperties properties;

	private final ObjectProvider<SslBundles> bundles;

	private final List<String> keys = new ArrayList<>();

	PgSslDataSourcePostProcessor(PgSslProperties properties, ObjectProvider<SslBundles> bundles) {
		this.properties = properties;
		this.bundles = bundles;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof javax.sql.DataSource dataSource) {
			apply(dataSource, beanName);
		}
		return bean;
	}

	private void apply(javax.sql.DataSource dataSource, String beanName) {
		String name = this.properties.getBundle();
		if (name == null || name.isBlank()) {
			return;
		}
		if (!(dataSource instanceof HikariDataSource hikari)) {
			throw new IllegalStateException("databridge.pg.ssl.bundle=" + name
					+ " applies to HikariCP DataSources, but '" + beanName + "' is a " + dataSource.getClass().getName()
					+ "; configure its TLS with the JDBC URL's ssl* parameters instead");
		}
		String url = hikari.getJdbcUrl();
		String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
		for (String parameter : CONFLICTING) {
			if (lower.contains("?" + parameter) || lower.contains("&" + parameter)) {
				throw new IllegalStateException("The JDBC URL of DataSource '" + beanName + "' sets "
						+ parameter.replace("=", "") + ", which would override databridge.pg.ssl.bundle=" + name
						+ "; remove it from the URL (use databridge.pg.ssl.mode for the sslmode)");
			}
		}
		SslBundles registry = this.bundles.getIfAvailable();
		if (registry == null) {
			throw new IllegalStateException("databridge.pg.ssl.bundle=" + name
					+ " is set but the context has no SslBundles (Boot's SslAutoConfiguration)");
		}
		SslBundle bundle = registry.getBundle(name);
		String key = BundleSslSocketFactory.register(bundle.createSslContext());
		synchronized (this.keys) {
			this.keys.add(key);
		}
		registry.addBundleUpdateHandler(name,
				(updated) -> BundleSslSocketFactory.update(key, updated.createSslContext()));
		hikari.addDataSourceProperty("ssl", "true");
		hikari.addDataSourceProperty("sslmode", this.properties.getMode().value());
		hikari.addDataSourceProperty("sslfactory", BundleSslSocketFactory.class.getName());
		hikari.addDataSourceProperty(BundleSslSocketFactory.KEY_PROPERTY, key);
	}

	@Override
	public void destroy() {
		synchronized (this.keys) {
			this.keys.forEach(BundleSslSocketFactory::unregister);
			this.keys.clear();
		}
	}

}
