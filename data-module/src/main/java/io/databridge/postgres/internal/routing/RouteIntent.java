package io.databridge.postgres.internal.routing;

/**
 * What the code running on this thread asked for, read by the router when a connection is
 * taken. Kept in a thread-local so that the repository proxy can state it without
 * touching the JDBC path; scopes nest, and an outer {@link #PRIMARY} wins over an inner
 * {@link #READ} so that {@code ReadRouting.onPrimary(() -> repo.findById(id))} stays on
 * the primary. Virtual threads started inside a scope (bulk partitions) do not inherit
 * it, so their connections default to the primary.
 */
public enum RouteIntent {

	/** Nothing stated: the primary, unless the connection is marked read-only. */
	NONE,
	/** A read that may go to a replica when no read-write transaction is active. */
	READ,
	/** The primary, whatever else is true. */
	PRIMARY;

	private static final ThreadLocal<RouteIntent> CURRENT = ThreadLocal.withInitial(() -> NONE);

	/** The current thread's intent. */
	public static RouteIntent current() {
		return CURRENT.get();
	}

	/**
	 * Enters a scope with this intent (an outer {@link #PRIMARY} is kept) and returns the
	 * intent to restore when the scope ends.
	 */
	public RouteIntent enter() {
		RouteIntent previous = CURRENT.get();
		if (previous != PRIMARY && this != NONE) {
			CURRENT.set(this);
		}
		return previous;
	}

	/** Ends a scope begun by {@link #enter()}, restoring the intent it returned. */
	public static void restore(RouteIntent previous) {
		if (previous == NONE) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

}
