package io.databridge.postgres.autoconfigure.ssl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The TLS test cluster that {@code scripts/tls-cluster.sh} starts (as {@code .ci/run}
 * does): certificates in {@code DATABRIDGE_TLS_DIR} (default
 * {@code /tmp/databridge-tls}), the server on 127.0.0.1 and 127.0.0.2 at
 * {@code DATABRIDGE_TLS_PORT} (default 5450) with {@code ssl=on}. Tests skip with the
 * reason when it is absent.
 */
final class TlsCluster {

	static final Path DIR = Path.of(env("DATABRIDGE_TLS_DIR", "/tmp/databridge-tls"));

	static final int PORT = Integer.parseInt(env("DATABRIDGE_TLS_PORT", "5450"));

	/** The password of the {@code tlsuser} role the script creates. */
	static final String PASSWORD = "tls-secret-pw";

	private TlsCluster() {
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	static void assumeRunning() {
		boolean files = Files.isReadable(DIR.resolve("ca.crt")) && Files.isReadable(DIR.resolve("client.key"));
		boolean listening = false;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
			listening = true;
		}
		catch (IOException ex) {
			// not running
		}
		assumeTrue(files && listening, "no TLS test cluster at " + DIR + " on port " + PORT
				+ "; start it with scripts/tls-cluster.sh (as .ci/run does)");
	}

	static String file(String name) {
		return "file:" + DIR.resolve(name);
	}

	static String url(String host) {
		return "jdbc:postgresql://" + host + ":" + PORT + "/postgres";
	}

}
