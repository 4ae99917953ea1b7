package io.databridge.postgres.test.autoconfigure;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.test.TestDatabase;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Gives a {@link DataPgTest} (or {@link AutoConfigureDataPg}) test a database of its own
 * from {@code data-bridge-postgres-test-support}'s locator when nothing else names one:
 * no {@code spring.datasource.url} and no Testcontainers {@code @ServiceConnection}
 * field. Without test-support on the class path it does nothing.
 */
final class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String SERVICE_CONNECTION = "org.springframework.boot.testcontainers.service.connection.ServiceConnection";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean slice = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.isPresent(AutoConfigureDataPg.class);
		if (!slice || !ClassUtils.isPresent("io.databridge.postgres.test.TestDatabase", testClass.getClassLoader())
				|| hasServiceConnection(testClass)) {
			return null;
		}
		return new LocatedDatabase();
	}

	private static boolean hasServiceConnection(Class<?> testClass) {
		boolean[] found = { false };
		ReflectionUtils.doWithFields(testClass, (Field field) -> found[0] = true,
				(Field field) -> MergedAnnotations.from(field).isPresent(SERVICE_CONNECTION));
		return found[0];
	}

	/** Adds the located database's URL and credentials, with the lowest precedence. */
	private static final class LocatedDatabase implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			if (context.getEnvironment().containsProperty("spring.datasource.url")) {
				return;
			}
			Map<String, Object> properties = new HashMap<>(TestDatabase.shared().springDataSourceProperties());
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("databridge-test-database", properties));
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof LocatedDatabase;
		}

		@Override
		public int hashCode() {
			return LocatedDatabase.class.hashCode();
		}

	}

}
