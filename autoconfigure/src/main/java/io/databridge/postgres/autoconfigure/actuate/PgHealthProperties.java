package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code databridge} health contributor.
 */
@ConfigurationProperties("databridge.pg.health")
public class PgHealthProperties {

	/**
	 * The longest one health check may take, borrowing a connection included; past it the
	 * component is DOWN with the reason.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * How long a bulk load may stay prepared (in doubt) before the component is DOWN: an
	 * in-doubt load holds its locks until it is settled.
	 */
	private Duration inDoubtGrace = Duration.ofSeconds(60);

	/** Returns the longest one health check may take. */
	public Duration getTimeout() {
		return this.timeout;
	}

	/** Sets the longest one health check may take. */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/** Returns how long a bulk load may stay in doubt before the component is DOWN. */
	public Duration getInDoubtGrace() {
		return this.inDoubtGrace;
	}

	/** Sets how long a bulk load may stay in doubt before the component is DOWN. */
	public void setInDoubtGrace(Duration inDoubtGrace) {
		this.inDoubtGrace = inDoubtGrace;
	}

}
