package io.databridge.postgres.autoconfigure.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.routing.ReplicaFallback;
import io.databridge.postgres.routing.ReplicaSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Read replicas, under {@code databridge.pg.replicas}. Without {@code urls} nothing
 * changes: the application uses Boot's DataSource as it is.
 */
@ConfigurationProperties("databridge.pg.replicas")
public class PgReplicasProperties {

	/**
	 * JDBC URLs of the read replicas (streaming standbys of the primary in
	 * spring.datasource.url). Each gets its own HikariCP pool built from Boot's
	 * spring.datasource.hikari.* settings. A URL that carries user= (and password=) keeps
	 * its own credentials.
	 */
	private List<String> urls = new ArrayList<>();

	/** User for the replicas; defaults to spring.datasource.username. */
	private @Nullable String username;

	/** Password for the replicas; defaults to spring.datasource.password. */
	private @Nullable String password;

	/**
	 * Replay lag above which a replica leaves the rotation until it catches up.
	 */
	private Duration maxLag = ReplicaSettings.DEFAULT_MAX_LAG;

	/**
	 * What reads do when no replica is usable: primary (run on the primary) or fail.
	 */
	private ReplicaFallback fallback = ReplicaFallback.PRIMARY;

	/** How often each replica's state and replay lag are probed. */
	private Duration checkInterval = ReplicaSettings.DEFAULT_CHECK_INTERVAL;

	/**
	 * Bound on one probe and on taking a connection from a replica's pool (the replica
	 * pools' connection-timeout); a replica that does not answer within it leaves the
	 * rotation.
	 */
	private Duration timeout = ReplicaSettings.DEFAULT_TIMEOUT;

	/** Returns the replica URLs. */
	public List<String> getUrls() {
		return this.urls;
	}

	/** Sets the replica URLs. */
	public void setUrls(List<String> urls) {
		this.urls = urls;
	}

	/** Returns the replicas' user, or {@code null} for Boot's. */
	public @Nullable String getUsername() {
		return this.username;
	}

	/** Sets the replicas' user. */
	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	/** Returns the replicas' password, or {@code null} for Boot's. */
	public @Nullable String getPassword() {
		return this.password;
	}

	/** Sets the replicas' password. */
	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	/** Returns the lag limit. */
	public Duration getMaxLag() {
		return this.maxLag;
	}

	/** Sets the lag limit. */
	public void setMaxLag(Duration maxLag) {
		this.maxLag = maxLag;
	}

	/** Returns the fallback. */
	public ReplicaFallback getFallback() {
		return this.fallback;
	}

	/** Sets the fallback. */
	public void setFallback(ReplicaFallback fallback) {
		this.fallback = fallback;
	}

	/** Returns the probe interval. */
	public Duration getCheckInterval() {
		return this.checkInterval;
	}

	/** Sets the probe interval. */
	public void setCheckInterval(Duration checkInterval) {
		this.checkInterval = checkInterval;
	}

	/** Returns the probe and connection timeout. */
	public Duration getTimeout() {
		return this.timeout;
	}

	/** Sets the probe and connection timeout. */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/** The settings of the routing DataSource. */
	public ReplicaSettings toSettings() {
		return new ReplicaSettings(this.maxLag, this.fallback, this.checkInterval, this.timeout);
	}

}
