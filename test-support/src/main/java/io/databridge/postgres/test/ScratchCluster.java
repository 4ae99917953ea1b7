package io.databridge.postgres.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A throw-away PostgreSQL cluster of its own under {@code /tmp} for fault tests that
 * stop, restart or cut off the server, never the shared one. Started with the machine's
 * {@code initdb}/{@code pg_ctl} (found with {@code pg_config --bindir} or under
 * {@code /usr/lib/postgresql/<version>/bin}), as user {@code postgres} through
 * {@code runuser} when the JVM runs as root (PostgreSQL refuses root). Listens on
 * 127.0.0.1 on the given port only, trust authentication, user {@code postgres}.
 * {@link #close()} stops it and deletes its files; a JVM exit does too.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(ScratchCluster.unavailableReason() == null, ScratchCluster::unavailableReason);
 * try (ScratchCluster cluster = ScratchCluster.start(5433)) { ... cluster.stopImmediately(); cluster.restart(); }
 * try (ScratchCluster cluster = ScratchCluster.start(5433)) { cluster.pause(); try { ... } finally { cluster.resume(); } }
 * }</pre>
 */
public final class ScratchCluster implements AutoCloseable {

	private static final long COMMAND_TIMEOUT_SECONDS = 120;

	private final Path binDir;

	private final Path dataDir;

	private final int port;

	private final boolean asPostgres;

	private final Runnable cleanupAtExit = this::closeQuietly;

	private boolean closed;

	private ScratchCluster(Path binDir, Path dataDir, int port, boolean asPostgres) {
		this.binDir = binDir;
		this.dataDir = dataDir;
		this.port = port;
		this.asPostgres = asPostgres;
	}

	/**
	 * Why a scratch cluster cannot be started here, or {@code null} if it can.
	 * @return the reason, for a JUnit assumption
	 */
	public static @Nullable String unavailableReason() {
		if (binDir() == null) {
			return "no PostgreSQL server binaries (initdb, pg_ctl) found via pg_config or /usr/lib/postgresql";
		}
		if (isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))
				&& !Files.isExecutable(Path.of("/sbin/runuser"))) {
			return "running as root without runuser to start PostgreSQL as user postgres";
		}
		return null;
	}

	/**
	 * Creates and starts a cluster on a port.
	 * @param port the TCP port on 127.0.0.1
	 * @return the running cluster
	 * @throws IllegalStateException when it cannot be created or started
	 */
	public static ScratchCluster start(int port) {
		Path bin = binDir();
		if (bin == null) {
			throw new IllegalStateException(unavailableReason());
		}
		try {
			Path dir = Files.createTempDirectory("databridge-cluster-" + port + "-");
			boolean root = isRoot();
			if (root) {
				run(List.of("chown", "postgres", dir.toString()));
			}
			ScratchCluster cluster = new ScratchCluster(bin, dir, port, root);
			ShutdownHooks.register(cluster.cleanupAtExit);
			cluster.pg(List.of(bin.resolve("initdb").toString(), "-D", cluster.pgData(), "-A", "trust", "-U",
					"postgres", "--no-sync", "-E", "UTF8", "--locale=C"));
			cluster.restart();
			return cluster;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create a scratch cluster on port " + port, ex);
		}
	}

	/**
	 * The JDBC URL of a database on this cluster.
	 * @param database the database, e.g. {@code postgres}
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** The cluster's port. */
	public int port() {
		return this.port;
	}

	/**
	 * Stops the server at once ({@code pg_ctl stop -m immediate}): a crash, for clients.
	 */
	public void stopImmediately() {
		pg(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", pgData(), "-m", "immediate", "-w", "stop"));
	}

	/**
	 * Hangs the server without stopping it: {@code SIGSTOP} to the postmaster and every
	 * process it started. Its sockets stay open, so clients connect and send, and wait
	 * for an answer that does not come until {@link #resume()}.
	 * @throws IllegalStateException when the server is not running
	 */
	public void pause() {
		signal("-STOP");
	}

	/** Lets a {@link #pause() paused} server run again ({@code SIGCONT}). */
	public void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		long postmaster = postmasterPid();
		List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
		ProcessHandle.of(postmaster)
			.ifPresent((process) -> process.descendants().forEach((child) -> command.add(Long.toString(child.pid()))));
		run(command);
	}

	private long postmasterPid() {
		Path pidFile = Path.of(pgData(), "postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				throw new IllegalStateException("Empty " + pidFile + ": the server of " + this + " is not running");
			}
			return Long.parseLong(lines.get(0).trim());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No " + pidFile + ": the server of " + this + " is not running", ex);
		}
	}

	/** Starts the (stopped) server and waits until it accepts connections. */
	public void restart() {
		String options = "-p " + this.port + " -c listen_addresses=127.0.0.1 -k " + this.dataDir
				+ " -c fsync=off -c max_connections=120 -c max_prepared_transactions=16";
		pg(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", pgData(), "-o", options, "-l",
				this.dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ShutdownHooks.unregister(this.cleanupAtExit);
		try {
			pg(List.of(this.binDir.resolve("pg_ctl").toString(), "-D", pgData(), "-m", "immediate", "-w", "stop"));
		}
		catch (IllegalStateException ex) {
			// already stopped
		}
		deleteTree(this.dataDir);
	}

	private void closeQuietly() {
		try {
			close();
		}
		catch (RuntimeException ex) {
			// at exit: nothing left to do
		}
	}

	private String pgData() {
		return this.dataDir.resolve("data").toString();
	}

	private void pg(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.asPostgres) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		run(full);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Failed (exit " + process.exitValue() + "): "
						+ String.join(" ", command) + "\n" + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", command), ex);
		}
	}

	private static @Nullable Path binDir() {
		try {
			Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0
					&& Files.isExecutable(Path.of(out, "initdb"))) {
				return Path.of(out);
			}
		}
		catch (IOException ex) {
			// no pg_config on the PATH: look in Debian's place
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.naturalOrder())
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isRoot() {
		return EmbeddedServer.rootReason() != null;
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: /tmp is cleaned by the machine
		}
	}

	@Override
	public String toString() {
		return "ScratchCluster[port=" + this.port + ", dir=" + this.dataDir + "]";
	}

}
