package io.databridge.postgres.internal.convert;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.Jsonb;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jackson-databind is optional: with it hidden from the class loader, data-bridge's
 * classes still load, entities without JSON map as before, and JSON properties fail at
 * start-up saying why.
 */
class WithoutJacksonTests {

	@Test
	void shouldMapEntitiesAndExplainJsonPropertiesWithoutJackson() throws Exception {
		URL main = ValueCodecs.class.getProtectionDomain().getCodeSource().getLocation();
		URL tests = WithoutJacksonTests.class.getProtectionDomain().getCodeSource().getLocation();
		try (HidingJackson loader = new HidingJackson(new URL[] { main, tests }, getClass().getClassLoader())) {
			Class<?> scenario = loader.loadClass(Scenario.class.getName());
			assertThat(scenario.getClassLoader()).isSameAs(loader);
			@SuppressWarnings("unchecked")
			Callable<List<String>> run = (Callable<List<String>>) scenario.getDeclaredConstructor().newInstance();
			List<String> outcome = run.call();
			assertThat(outcome.get(0)).isEqualTo("plain: 3 columns");
			assertThat(outcome.get(1)).contains("'payload'").contains("Jackson 3");
			assertThat(outcome.get(2)).contains("'attributes'").contains("No PostgreSQL mapping");
		}
	}

	/** Runs inside the hiding class loader. */
	public static class Scenario implements Callable<List<String>> {

		record Plain(@Id Long id, String name, List<String> tags) {
		}

		record WithJson(@Id Long id, @Jsonb Plain payload) {
		}

		record WithMap(@Id Long id, Map<String, Object> attributes) {
		}

		@Override
		public List<String> call() {
			PgMappingContext context = new PgMappingContext();
			ValueCodecs codecs = new ValueCodecs();
			EntityStatements<Plain> plain = new EntityStatements<>(context.entity(Plain.class), codecs,
					new EntityInstantiators());
			return List.of("plain: " + plain.columns().size() + " columns", failure(context, codecs, WithJson.class),
					failure(context, codecs, WithMap.class));
		}

		private static String failure(PgMappingContext context, ValueCodecs codecs, Class<?> type) {
			try {
				new EntityStatements<>(context.entity(type), codecs, new EntityInstantiators());
				return "no failure";
			}
			catch (MappingException ex) {
				return ex.getMessage();
			}
		}

	}

	/** Loads data-bridge's classes itself and pretends Jackson does not exist. */
	static final class HidingJackson extends URLClassLoader {

		HidingJackson(URL[] urls, ClassLoader parent) {
			super(urls, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				if (name.startsWith("tools.jackson.")) {
					throw new ClassNotFoundException(name);
				}
				if (name.startsWith("io.databridge.postgres.")) {
					Class<?> loaded = findLoadedClass(name);
					return loaded != null ? loaded : findClass(name);
				}
				return super.loadClass(name, resolve);
			}
		}

	}

}
