package io.databridge.postgres.test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One JVM shutdown hook that runs cleanup actions in reverse order of registration, so
 * that databases are dropped before the embedded server they live on is stopped (separate
 * hooks would run concurrently, in no order).
 */
final class ShutdownHooks {

	private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();

	private static boolean installed;

	private ShutdownHooks() {
	}

	/**
	 * Registers {@code action} to run when the JVM exits; later registrations run first.
	 */
	static synchronized void register(Runnable action) {
		if (!installed) {
			Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::runAll, "databridge-test-db-cleanup"));
			installed = true;
		}
		ACTIONS.push(action);
	}

	/** Removes an action registered before, e.g. because its work was already done. */
	static synchronized void unregister(Runnable action) {
		ACTIONS.removeFirstOccurrence(action);
	}

	private static void runAll() {
		List<Runnable> actions;
		synchronized (ShutdownHooks.class) {
			actions = new ArrayList<>(ACTIONS);
			ACTIONS.clear();
		}
		for (Runnable action : actions) {
			try {
				action.run();
			}
			catch (Throwable ex) {
				System.err.println("[databridge test-support] cleanup at exit failed: " + ex);
			}
		}
	}

}
