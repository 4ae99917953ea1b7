package io.databridge.postgres.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The embedded PostgreSQL (zonky), started at most once per JVM and stopped by
 * {@link ShutdownHooks} at exit.
 */
final class EmbeddedServer {

	private static @Nullable EmbeddedPostgres postgres;

	private EmbeddedServer() {
	}

	/** Starts the embedded server unless it already runs, and returns its port. */
	static synchronized int start() throws IOException {
		EmbeddedPostgres running = postgres;
		if (running == null) {
			// prepared transactions back the bulk engine's two-phase commit (PostgreSQL's
			// default is 0)
			running = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setServerConfig("max_prepared_transactions", "64")
				.start();
			EmbeddedPostgres started = running;
			ShutdownHooks.register(() -> close(started));
			postgres = running;
		}
		return running.getPort();
	}

	/**
	 * Returns why the embedded server cannot run here, or {@code null} if it can:
	 * PostgreSQL's {@code initdb} refuses to run as root.
	 */
	static @Nullable String rootReason() {
		if ("root".equals(System.getProperty("user.name"))) {
			return "running as root (user.name=root), and PostgreSQL refuses to run as root";
		}
		try {
			if (Files.getAttribute(Path.of("/proc/self"), "unix:uid") instanceof Integer uid && uid == 0) {
				return "running as root (uid 0), and PostgreSQL refuses to run as root";
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc or no unix attribute view: not Linux, rely on user.name
		}
		return null;
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not stop the embedded PostgreSQL", ex);
		}
	}

}
