package io.databridge.postgres.autoconfigure;

import java.time.Duration;

/**
 * Dead-peer detection on the pool's connections ({@code databridge.pg.keepalive.*}): TCP
 * keepalive set through data-bridge's pgjdbc socket factory. A connection whose server
 * stops answering (network loss, a crashed host) fails after
 * {@code idle + interval × count} of silence (35 s by default); a healthy server running
 * a long query answers every probe, so the query is never cut.
 */
public class PgKeepAliveProperties {

	/**
	 * Whether the pool's pgjdbc connections get data-bridge's keepalive socket factory
	 * (left alone when spring.datasource.hikari.data-source-properties or the JDBC URL
	 * set their own socketFactory).
	 */
	private boolean enabled = true;

	/** Silence on a connection before the first keepalive probe (whole seconds). */
	private Duration idle = Duration.ofSeconds(15);

	/** Time between unanswered keepalive probes (whole seconds). */
	private Duration interval = Duration.ofSeconds(5);

	/** Unanswered probes after which the connection is dead. */
	private int count = 4;

	/** Returns whether keepalive is configured. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/** Sets whether keepalive is configured. */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/** Returns the idle time before the first probe. */
	public Duration getIdle() {
		return this.idle;
	}

	/** Sets the idle time before the first probe. */
	public void setIdle(Duration idle) {
		this.idle = idle;
	}

	/** Returns the time between probes. */
	public Duration getInterval() {
		return this.interval;
	}

	/** Sets the time between probes. */
	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	/** Returns the number of unanswered probes that kill the connection. */
	public int getCount() {
		return this.count;
	}

	/** Sets the number of unanswered probes that kill the connection. */
	public void setCount(int count) {
		this.count = count;
	}

}
