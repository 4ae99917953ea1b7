package io.databridge.postgres.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bounded waits on a real network loss: a scratch cluster on port 5433 is cut off with
 * iptables (only that port) while a query runs on it. With data-bridge's default
 * keepalive (15 s idle, 4 probes 5 s apart: 35 s) the call fails as a
 * {@link DataAccessResourceFailureException} well within 60 s, and a long query on a
 * healthy network outlives many keepalive windows. The long query runs 20 s under a 3 s
 * keepalive window (about 7 windows) by default; {@code -Dfault.longQuerySeconds=300}
 * runs the 5-minute query under the default 35 s window. The 5-minute query with the
 * auto-configuration's defaults runs in every build as the auto-configuration module's
 * {@code DefaultsLongQueryIntegrationTests}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NetworkLossIntegrationTests {

	private static final int PORT = 5433;

	@RegisterExtension
	static final ScratchClusterExtension cluster = new ScratchClusterExtension(PORT);

	@BeforeAll
	static void needsIptables() {
		String iptables = NetworkCut.unavailableReason();
		Assumptions.assumeTrue(iptables == null, () -> "No network cut: " + iptables);
	}

	@Test
	void callInFlightFailsWithinTheDefaultKeepaliveBoundWhenTheNetworkDrops() throws Exception {
		KeepAliveSocketFactory defaults = new KeepAliveSocketFactory();
		try (HikariDataSource pool = pool(cluster.cluster().jdbcUrl("postgres"), defaults, "net-loss");
				NetworkCut network = new NetworkCut(PORT)) {
			PgTemplate template = new PgTemplate(pool);
			TransactionTemplate transaction = new TransactionTemplate(template.getTransactionManager());
			CompletableFuture<String> call = CompletableFuture
				.supplyAsync(() -> transaction.execute((status) -> template.getJdbcOperations()
					.queryForObject("SELECT pg_sleep(600)::text", String.class)));
			awaitRunning(pool, "net-loss");
			network.cut();
			long start = System.nanoTime();
			assertThatThrownBy(() -> call.get(120, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(DataAccessResourceFailureException.class);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).isLessThanOrEqualTo(defaults.deadPeerTimeout().plusSeconds(10))
				.isLessThanOrEqualTo(Duration.ofSeconds(60));
			network.heal();
			assertThat(new JdbcTemplate(pool).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void longQueryOnAHealthyNetworkIsNotCutByKeepalive() {
		int seconds = Integer.getInteger("fault.longQuerySeconds", 20);
		KeepAliveSocketFactory keepalive = (seconds >= 300) ? new KeepAliveSocketFactory()
				: new KeepAliveSocketFactory(1, 1, 2);
		assertThat(Duration.ofSeconds(seconds)).isGreaterThan(keepalive.deadPeerTimeout().multipliedBy(5));
		String url = TestDatabase.shared().jdbcUrl();
		try (HikariDataSource pool = pool(url, keepalive, "long-query")) {
			PgTemplate template = new PgTemplate(pool);
			long start = System.nanoTime();
			String slept = template.getJdbcOperations()
				.queryForObject("SELECT pg_sleep(?)::text", String.class, (double) seconds);
			assertThat(slept).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(seconds));
		}
	}

	static HikariDataSource pool(String url, KeepAliveSocketFactory keepalive, String application) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(url.contains(":" + PORT + "/") ? "postgres" : TestDatabase.shared().username());
		config.setPassword(url.contains(":" + PORT + "/") ? null : TestDatabase.shared().password());
		config.setMaximumPoolSize(4);
		config.setConnectionTimeout(10_000);
		config.setPoolName(application);
		config.addDataSourceProperty("ApplicationName", application);
		config.addDataSourceProperty("tcpKeepAlive", "true");
		config.addDataSourceProperty("socketFactory", KeepAliveSocketFactory.class.getName());
		config.addDataSourceProperty("socketFactoryArg", keepalive.argument());
		return new HikariDataSource(config);
	}

	private static void awaitRunning(HikariDataSource pool, String application) throws InterruptedException {
		try (HikariDataSource admin = new HikariDataSource()) {
			admin.setJdbcUrl(pool.getJdbcUrl());
			admin.setUsername("postgres");
			admin.setMaximumPoolSize(1);
			JdbcTemplate jdbc = new JdbcTemplate(admin);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline) {
				Integer running = jdbc.queryForObject(
						"SELECT count(*)::int FROM pg_stat_activity "
								+ "WHERE application_name = ? AND state = 'active' AND query LIKE '%pg_sleep%'",
						Integer.class, application);
				if (running != null && running > 0) {
					return;
				}
				Thread.sleep(100);
			}
		}
		throw new AssertionError("The query never started on " + pool.getJdbcUrl());
	}

}
