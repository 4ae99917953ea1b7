package io.databridge.postgres.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.SocketFactory;

import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * A pgjdbc {@code socketFactory} whose sockets detect a dead peer within a bounded time
 * while a long query runs: TCP keepalive with a short idle time, probe interval and probe
 * count, set through the JDK's {@link ExtendedSocketOptions}. A connection on which the
 * server has not answered anything (not even a keepalive probe, which the server's kernel
 * answers while the query runs) for {@code idle + interval × count} fails with an I/O
 * error (SQLState 08006), which Spring translates to a
 * {@code DataAccessResourceFailureException}. A healthy server running a query for hours
 * answers every probe, so the query is never cut, unlike with pgjdbc's
 * {@code socketTimeout}.
 *
 * <p>
 * Keepalive works on an idle wire. While the client still has unacknowledged data in
 * flight (a request being sent when the network dies), the kernel's retransmission
 * timeout ({@code net.ipv4.tcp_retries2}, about 15 minutes by default) bounds the wait
 * instead.
 *
 * <p>
 * Configure with the pgjdbc properties {@code tcpKeepAlive=true} (pgjdbc turns
 * {@code SO_KEEPALIVE} off otherwise), {@code socketFactory} set to this class and
 * {@code socketFactoryArg} set to {@code idle=15,interval=5,count=4} (seconds; these are
 * the defaults: 35 s). data-bridge's auto-configuration does this for a HikariCP pool.
 */
public class KeepAliveSocketFactory extends SocketFactory {

	private final int idleSeconds;

	private final int intervalSeconds;

	private final int count;

	/** Creates a factory with the defaults: 15 s idle, probes every 5 s, 4 probes. */
	public KeepAliveSocketFactory() {
		this(15, 5, 4);
	}

	/**
	 * Creates a factory from pgjdbc's {@code socketFactoryArg}.
	 * @param argument {@code idle=<s>,interval=<s>,count=<n>}; missing keys (or a
	 * {@code null} argument, as pgjdbc passes without {@code socketFactoryArg}) keep
	 * their defaults
	 * @throws IllegalArgumentException when a key is unknown or a value is not a positive
	 * integer
	 */
	public KeepAliveSocketFactory(@Nullable String argument) {
		Map<String, Integer> values = parse(argument);
		this.idleSeconds = values.get("idle");
		this.intervalSeconds = values.get("interval");
		this.count = values.get("count");
	}

	/**
	 * Creates a factory.
	 * @param idleSeconds seconds of silence before the first probe
	 * @param intervalSeconds seconds between probes
	 * @param count unanswered probes after which the connection is dead
	 */
	public KeepAliveSocketFactory(int idleSeconds, int intervalSeconds, int count) {
		this.idleSeconds = positive("idle", idleSeconds);
		this.intervalSeconds = positive("interval", intervalSeconds);
		this.count = positive("count", count);
	}

	/**
	 * The pgjdbc {@code socketFactoryArg} for these settings.
	 * @param idle time of silence before the first probe (whole seconds, at least 1)
	 * @param interval time between probes (whole seconds, at least 1)
	 * @param count unanswered probes after which the connection is dead
	 * @return the argument, e.g. {@code idle=15,interval=5,count=4}
	 */
	public static String argument(Duration idle, Duration interval, int count) {
		return "idle=" + seconds("idle", idle) + ",interval=" + seconds("interval", interval) + ",count="
				+ positive("count", count);
	}

	/**
	 * The pgjdbc {@code socketFactoryArg} that makes this factory.
	 * @return e.g. {@code idle=15,interval=5,count=4}
	 */
	public String argument() {
		return "idle=" + this.idleSeconds + ",interval=" + this.intervalSeconds + ",count=" + this.count;
	}

	/**
	 * The longest a dead peer goes unnoticed on an idle wire.
	 * @return {@code idle + interval × count}
	 */
	public Duration deadPeerTimeout() {
		return Duration.ofSeconds(this.idleSeconds + (long) this.intervalSeconds * this.count);
	}

	@Override
	public Socket createSocket() throws IOException {
		return configure(new Socket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configure(new Socket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configure(new Socket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configure(new Socket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configure(new Socket(address, port, localAddress, localPort));
	}

	private Socket configure(Socket socket) throws IOException {
		socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
		if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
			socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, this.idleSeconds);
			socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, this.intervalSeconds);
			socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, this.count);
		}
		return socket;
	}

	private static Map<String, Integer> parse(@Nullable String argument) {
		Map<String, Integer> values = new LinkedHashMap<>(Map.of("idle", 15, "interval", 5, "count", 4));
		if (argument == null) {
			return values;
		}
		for (String pair : argument.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			String[] keyValue = pair.split("=", 2);
			String key = keyValue[0].trim();
			if (keyValue.length != 2 || !values.containsKey(key)) {
				throw new IllegalArgumentException("Bad socketFactoryArg '" + argument + "' for "
						+ KeepAliveSocketFactory.class.getSimpleName() + ": expected idle=<s>,interval=<s>,count=<n>");
			}
			try {
				values.put(key, positive(key, Integer.parseInt(keyValue[1].trim())));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"Bad socketFactoryArg '" + argument + "': " + key + " must be a positive integer", ex);
			}
		}
		return values;
	}

	private static int seconds(String name, Duration value) {
		long seconds = value.toSeconds();
		if (seconds < 1 || seconds > Integer.MAX_VALUE || value.toMillis() % 1000 != 0) {
			throw new IllegalArgumentException(
					"Keepalive " + name + " must be a whole number of seconds, at least 1s, got " + value);
		}
		return (int) seconds;
	}

	private static int positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("Keepalive " + name + " must be at least 1, got " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return "KeepAliveSocketFactory[idle=" + this.idleSeconds + "s, interval=" + this.intervalSeconds + "s, count="
				+ this.count + "]";
	}

}
