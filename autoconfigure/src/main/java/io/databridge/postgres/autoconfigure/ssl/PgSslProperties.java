package io.databridge.postgres.autoconfigure.ssl;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS settings of the application's PostgreSQL connections, under
 * {@code databridge.pg.ssl}. Without a bundle nothing is changed: the JDBC URL's own
 * {@code ssl*} parameters apply as they are.
 */
@ConfigurationProperties("databridge.pg.ssl")
public class PgSslProperties {

	/**
	 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) applied to the
	 * DataSource's connections: its trust store verifies the server's certificate, its
	 * key store (when it has one) supplies the client certificate for `hostssl ... cert`
	 * authentication.
	 */
	private @Nullable String bundle;

	/**
	 * The pgjdbc sslmode used with the bundle: verify-full checks the certificate chain
	 * against the bundle's trust store and the host name against the certificate;
	 * verify-ca checks only the chain; require encrypts without checking.
	 */
	private Mode mode = Mode.VERIFY_FULL;

	/** Returns the bundle name, {@code null} when TLS is left to the JDBC URL. */
	public @Nullable String getBundle() {
		return this.bundle;
	}

	/** Sets the bundle name. */
	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

	/** Returns the sslmode used with the bundle. */
	public Mode getMode() {
		return this.mode;
	}

	/** Sets the sslmode used with the bundle. */
	public void setMode(Mode mode) {
		this.mode = mode;
	}

	/** The pgjdbc {@code sslmode} values that encrypt. */
	public enum Mode {

		/** Encrypt; verify neither the certificate chain nor the host name. */
		REQUIRE("require"),

		/** Encrypt and verify the certificate chain against the bundle's trust store. */
		VERIFY_CA("verify-ca"),

		/**
		 * Encrypt, verify the chain and that the certificate names the host connected to.
		 */
		VERIFY_FULL("verify-full");

		private final String value;

		Mode(String value) {
			this.value = value;
		}

		/** The value of pgjdbc's {@code sslmode} parameter. */
		public String value() {
			return this.value;
		}

	}

}
