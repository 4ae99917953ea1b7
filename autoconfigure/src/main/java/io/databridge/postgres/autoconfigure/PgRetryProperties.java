package io.databridge.postgres.autoconfigure;

import java.time.Duration;

/**
 * Opt-in retries of whole transactions after transient failures
 * ({@code databridge.pg.retry.*}): the {@code pgRetryTemplate} bean is built from these,
 * and {@code enabled} switches on Spring's {@code @Retryable} (and so
 * {@code @PgRetryable}) processing.
 */
public class PgRetryProperties {

	/**
	 * Whether @Retryable and @PgRetryable methods are retried, as @EnableResilientMethods
	 * does (nothing is retried unless a method says so).
	 */
	private boolean enabled;

	/** Retries after the first attempt, for the pgRetryTemplate bean. */
	private long maxRetries = 5;

	/** Delay before the first retry, for the pgRetryTemplate bean. */
	private Duration delay = Duration.ofMillis(50);

	/**
	 * Random jitter added to or taken from each delay, for the pgRetryTemplate bean.
	 */
	private Duration jitter = Duration.ofMillis(25);

	/** Factor each further delay grows by, for the pgRetryTemplate bean. */
	private double multiplier = 2;

	/** Longest delay between attempts, for the pgRetryTemplate bean. */
	private Duration maxDelay = Duration.ofSeconds(2);

	/** Returns whether annotated methods are retried. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/** Sets whether annotated methods are retried. */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/** Returns the maximum number of retries. */
	public long getMaxRetries() {
		return this.maxRetries;
	}

	/** Sets the maximum number of retries. */
	public void setMaxRetries(long maxRetries) {
		this.maxRetries = maxRetries;
	}

	/** Returns the initial delay. */
	public Duration getDelay() {
		return this.delay;
	}

	/** Sets the initial delay. */
	public void setDelay(Duration delay) {
		this.delay = delay;
	}

	/** Returns the jitter. */
	public Duration getJitter() {
		return this.jitter;
	}

	/** Sets the jitter. */
	public void setJitter(Duration jitter) {
		this.jitter = jitter;
	}

	/** Returns the delay multiplier. */
	public double getMultiplier() {
		return this.multiplier;
	}

	/** Sets the delay multiplier. */
	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	/** Returns the longest delay. */
	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	/** Sets the longest delay. */
	public void setMaxDelay(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

}
