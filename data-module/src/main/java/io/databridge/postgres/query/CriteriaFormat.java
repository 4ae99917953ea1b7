package io.databridge.postgres.query;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * How {@link Criteria#toString()} and {@link Update#toString()} show their SQL shape. The
 * query types are plain values and know no SQL; data-bridge's SQL renderer plugs in
 * through {@link ServiceLoader} ({@code META-INF/services}), so that this package never
 * depends on the engine. Without a provider the shapes fall back to the tree's own
 * {@code toString()}. Implemented by data-bridge, not by applications; implementations
 * are thread-safe and never throw.
 */
public interface CriteriaFormat {

	/** The shape of a condition, e.g. {@code "age" > ? AND "name" LIKE ?}. */
	String format(CriteriaNode node);

	/** The SET clause of an update, e.g. {@code SET "name" = ?}. */
	String format(Update update);

	/** The provider found on the class path, looked up once. */
	static CriteriaFormat provided() {
		return Provided.FORMAT;
	}

	/** Holds the provider, loaded on first use. */
	final class Provided {

		static final CriteriaFormat FORMAT = load();

		private Provided() {
		}

		private static CriteriaFormat load() {
			Iterator<CriteriaFormat> found = ServiceLoader
				.load(CriteriaFormat.class, CriteriaFormat.class.getClassLoader())
				.iterator();
			if (found.hasNext()) {
				return found.next();
			}
			return new CriteriaFormat() {
				@Override
				public String format(CriteriaNode node) {
					return node.toString();
				}

				@Override
				public String format(Update update) {
					return "SET " + update.assignments();
				}
			};
		}

	}

}
