package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the database statistics gauges ({@code databridge.db.*},
 * {@code databridge.table.*}).
 */
@ConfigurationProperties("databridge.pg.statistics")
public class PgStatisticsProperties {

	/**
	 * Whether to publish {@code pg_stat_database} and {@code pg_stat_user_tables} figures
	 * as Micrometer meters when a MeterRegistry is present.
	 */
	private boolean enabled = true;

	/**
	 * How often the statistics are read from the server, in the background; meters always
	 * answer from the last read and never query on the scrape thread.
	 */
	private Duration interval = Duration.ofSeconds(30);

	/** Returns whether the statistics are published. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/** Sets whether the statistics are published. */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/** Returns how often the statistics are read. */
	public Duration getInterval() {
		return this.interval;
	}

	/** Sets how often the statistics are read. */
	public void setInterval(Duration interval) {
		this.interval = interval;
	}

}
