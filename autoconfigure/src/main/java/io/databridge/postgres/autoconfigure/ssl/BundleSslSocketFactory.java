package io.databridge.postgres.autoconfigure.ssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory pgjdbc uses for a DataSource that {@code databridge.pg.ssl.bundle}
 * configured ({@code sslfactory} names this class). pgjdbc creates one per connection
 * with the connection's properties; the {@value #KEY_PROPERTY} property names the
 * registration whose {@link SSLContext}, made from the Boot SSL bundle, this factory
 * delegates to. Certificates and keys therefore never pass through JDBC properties or the
 * URL. pgjdbc itself still applies {@code sslmode}: with {@code verify-full} it checks
 * the server's host name after the handshake.
 *
 * <p>
 * Registrations are process-wide, keyed by a random id per application context, and
 * replaced when the bundle is reloaded. Thread-safe.
 */
public final class BundleSslSocketFactory extends SSLSocketFactory {

	/** The connection property naming this factory's registration. */
	public static final String KEY_PROPERTY = "databridgeSslContext";

	private static final Map<String, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

	private final SSLSocketFactory delegate;

	/**
	 * Creates the factory for one connection; called by pgjdbc.
	 * @param info the connection's properties
	 * @throws IllegalStateException when the properties name no live registration (the
	 * application context was closed)
	 */
	public BundleSslSocketFactory(Properties info) {
		String key = info.getProperty(KEY_PROPERTY);
		SSLContext context = key == null ? null : CONTEXTS.get(key);
		if (context == null) {
			throw new IllegalStateException("No SSL bundle is registered for this DataSource (" + KEY_PROPERTY + "="
					+ key + "); was its application context closed?");
		}
		this.delegate = context.getSocketFactory();
	}

	static String register(SSLContext context) {
		String key = UUID.randomUUID().toString();
		CONTEXTS.put(key, context);
		return key;
	}

	static void update(String key, SSLContext context) {
		CONTEXTS.replace(key, context);
	}

	static void unregister(String key) {
		CONTEXTS.remove(key);
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return this.delegate.createSocket(socket, host, port, autoClose);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return this.delegate.createSocket(host, port, localHost, localPort);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return this.delegate.createSocket(address, port, localAddress, localPort);
	}

	@Override
	public String toString() {
		return "BundleSslSocketFactory";
	}

}
