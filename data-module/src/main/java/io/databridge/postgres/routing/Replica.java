package io.databridge.postgres.routing;

import javax.sql.DataSource;

import org.springframework.util.Assert;

/**
 * One read replica: the pool that serves reads and a separate unpooled source for the
 * health and lag probe (so a probe never waits behind busy readers, and a dead replica is
 * seen within the probe's own timeouts).
 *
 * @param url the JDBC URL, as configured; it names the replica in logs and states
 * @param pool the pooled DataSource reads borrow from
 * @param probe an unpooled DataSource the probe opens one connection from and keeps
 */
public record Replica(String url, DataSource pool, DataSource probe) {

	/**
	 * Checks the URL.
	 * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
	 */
	public Replica {
		Assert.notNull(pool, "pool must not be null");
		Assert.notNull(probe, "probe must not be null");
		checkUrl(url);
	}

	/**
	 * Checks that a configured replica URL is a PostgreSQL JDBC URL.
	 * @param url the URL
	 * @return the URL
	 * @throws IllegalArgumentException naming the URL when it is not
	 */
	public static String checkUrl(String url) {
		if (url == null || !url.startsWith("jdbc:postgresql:")) {
			throw new IllegalArgumentException("databridge.pg.replicas.urls: '" + url
					+ "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
		}
		return url;
	}

}
