package io.databridge.postgres.routing;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How replicas are checked and when they leave the rotation.
 *
 * @param maxLag a replica whose replay lag exceeds this leaves the rotation until it
 * catches up
 * @param fallback what reads do when no replica is usable
 * @param checkInterval how often each replica's state and lag are probed
 * @param timeout the bound on one probe (connect and query) and on taking a connection
 * from a replica's pool; a replica that does not answer within it is taken out of
 * rotation
 */
public record ReplicaSettings(Duration maxLag, ReplicaFallback fallback, Duration checkInterval, Duration timeout) {

	/** Default lag limit: 10 seconds. */
	public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);

	/** Default probe interval: 1 second. */
	public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

	/** Default probe and connection timeout: 2 seconds. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException when a duration is not positive or the fallback is
	 * missing
	 */
	public ReplicaSettings {
		Assert.notNull(fallback, "fallback must not be null");
		positive("max-lag", maxLag);
		positive("check-interval", checkInterval);
		positive("timeout", timeout);
	}

	/**
	 * Returns the defaults: 10 s lag, fallback to the primary, probe every second, 2 s
	 * timeout.
	 */
	public static ReplicaSettings defaults() {
		return new ReplicaSettings(DEFAULT_MAX_LAG, ReplicaFallback.PRIMARY, DEFAULT_CHECK_INTERVAL, DEFAULT_TIMEOUT);
	}

	/** Returns a copy with another lag limit. */
	public ReplicaSettings withMaxLag(Duration maxLag) {
		return new ReplicaSettings(maxLag, this.fallback, this.checkInterval, this.timeout);
	}

	/** Returns a copy with another fallback. */
	public ReplicaSettings withFallback(ReplicaFallback fallback) {
		return new ReplicaSettings(this.maxLag, fallback, this.checkInterval, this.timeout);
	}

	/** Returns a copy with another probe interval. */
	public ReplicaSettings withCheckInterval(Duration checkInterval) {
		return new ReplicaSettings(this.maxLag, this.fallback, checkInterval, this.timeout);
	}

	/** Returns a copy with another probe and connection timeout. */
	public ReplicaSettings withTimeout(Duration timeout) {
		return new ReplicaSettings(this.maxLag, this.fallback, this.checkInterval, timeout);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("databridge.pg.replicas." + name + " must be positive, was " + value);
		}
	}

}
