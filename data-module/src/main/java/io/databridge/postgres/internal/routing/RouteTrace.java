package io.databridge.postgres.internal.routing;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where the connection of the statement running on this thread went ({@code primary} or
 * {@code replica}), for the statement's observation. The router reports each decision
 * with {@link #routed}; a statement brackets its work with {@link #listen()} and
 * {@link #end}. A statement that takes no connection of its own (the second statement of
 * a transaction) gets the route of its transaction's connection, kept on the thread until
 * that transaction completes (then the outer transaction's route, if any, is back).
 */
public final class RouteTrace {

	/** The route of a connection taken from the primary. */
	public static final String PRIMARY = "primary";

	/** The route of a connection taken from a replica. */
	public static final String REPLICA = "replica";

	private static final ThreadLocal<String @Nullable []> STATEMENT = new ThreadLocal<>();

	private static final ThreadLocal<@Nullable String> TRANSACTION = new ThreadLocal<>();

	private RouteTrace() {
	}

	/**
	 * Starts listening for the decision of a statement.
	 * @return what to hand to {@link #end} (the enclosing statement's slot, if any)
	 */
	public static String @Nullable [] listen() {
		String @Nullable [] previous = STATEMENT.get();
		STATEMENT.set(new String[1]);
		return previous;
	}

	/**
	 * Stops listening.
	 * @param previous what {@link #listen()} returned
	 * @return the statement's route, or {@code null} when it is not known (no router)
	 */
	public static @Nullable String end(String @Nullable [] previous) {
		String @Nullable [] slot = STATEMENT.get();
		if (previous == null) {
			STATEMENT.remove();
		}
		else {
			STATEMENT.set(previous);
		}
		String route = (slot != null) ? slot[0] : null;
		if (route == null && TransactionSynchronizationManager.isActualTransactionActive()) {
			route = TRANSACTION.get();
		}
		return route;
	}

	/**
	 * Records a routing decision of this thread.
	 * @param replica whether the connection came from a replica
	 */
	public static void routed(boolean replica) {
		String route = replica ? REPLICA : PRIMARY;
		String @Nullable [] slot = STATEMENT.get();
		if (slot != null) {
			slot[0] = route;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			String outer = TRANSACTION.get();
			TRANSACTION.set(route);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (outer == null) {
						TRANSACTION.remove();
					}
					else {
						TRANSACTION.set(outer);
					}
				}
			});
		}
	}

}
