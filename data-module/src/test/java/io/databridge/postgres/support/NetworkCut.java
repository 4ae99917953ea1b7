package io.databridge.postgres.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Black-holes one loopback TCP port with iptables ({@code DROP} of every packet to or
 * from it on {@code lo}, so nothing answers, not even keepalive probes), and lifts the
 * rules again on {@link #close()}. Only that port is touched. An in-JVM proxy cannot
 * stand in here: the proxy's own kernel would answer the client's keepalive probes.
 */
final class NetworkCut implements AutoCloseable {

	private final int port;

	private boolean cut;

	NetworkCut(int port) {
		this.port = port;
	}

	/** Why iptables cannot be used here, or {@code null} if it can. */
	static @Nullable String unavailableReason() {
		try {
			Process process = new ProcessBuilder("iptables", "-w", "5", "-S", "INPUT").redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return "iptables -S INPUT failed (root and the iptables package are needed): " + output.trim();
			}
			return null;
		}
		catch (IOException ex) {
			return "no iptables command (apt-get install -y iptables): " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** Drops every packet to and from the port. */
	synchronized void cut() {
		if (!this.cut) {
			iptables("-I", "--dport");
			iptables("-I", "--sport");
			this.cut = true;
		}
	}

	/** Lets packets through again. */
	synchronized void heal() {
		if (this.cut) {
			this.cut = false;
			iptables("-D", "--dport");
			iptables("-D", "--sport");
		}
	}

	@Override
	public void close() {
		heal();
	}

	private void iptables(String action, String direction) {
		List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", action, "INPUT", "-i", "lo", "-p", "tcp",
				direction, Integer.toString(this.port), "-j", "DROP"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("Failed: " + String.join(" ", command) + ": " + output);
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

}
