package io.databridge.postgres.routing;

import java.util.function.Supplier;

import io.databridge.postgres.internal.routing.RouteIntent;

import org.springframework.util.Assert;

/**
 * Programmatic routing for code that is not a repository method, e.g. a service using
 * {@code PgTemplate} or {@code JdbcTemplate} directly. Both methods only state an intent
 * for the connections taken by {@code work} on the calling thread; with no routing
 * DataSource configured they simply run {@code work}. Thread-safe.
 */
public final class ReadRouting {

	private ReadRouting() {
	}

	/**
	 * Runs {@code work} with every connection it takes on the primary, including a
	 * read-only transaction begun inside it. Nested {@link #onReplica} calls stay on the
	 * primary.
	 * @param work the work
	 * @return what {@code work} returned
	 */
	public static <T> T onPrimary(Supplier<T> work) {
		return run(RouteIntent.PRIMARY, work);
	}

	/**
	 * Runs {@code work} as a read: connections it takes outside a read-write transaction
	 * go to a replica, as a repository read method's do. Within a read-write transaction
	 * (or an enclosing {@link #onPrimary}) they stay on the primary.
	 * @param work the work; it must not write
	 * @return what {@code work} returned
	 */
	public static <T> T onReplica(Supplier<T> work) {
		return run(RouteIntent.READ, work);
	}

	private static <T> T run(RouteIntent intent, Supplier<T> work) {
		Assert.notNull(work, "work must not be null");
		RouteIntent previous = intent.enter();
		try {
			return work.get();
		}
		finally {
			RouteIntent.restore(previous);
		}
	}

}
