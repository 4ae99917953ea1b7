package io.databridge.postgres.autoconfigure.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.databridge.postgres.autoconfigure.PgDataAutoConfiguration;
import io.databridge.postgres.test.ScratchCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoint, with Boot's real health auto-configurations, against a server of
 * its own (a {@link ScratchCluster} on port 5470) that is stopped ({@code pg_ctl stop -m
 * immediate}) or hung ({@code SIGSTOP} to the postmaster and its backends): the
 * {@code databridge} component, and so the endpoint, answers DOWN within the configured
 * health timeout instead of waiting for the pool or the kernel. Skipped where no scratch
 * cluster can be started.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PgHealthServerFaultIntegrationTests {

	private static final int PORT = 5470;

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** Thread start-up and the endpoint's own work, on a loaded machine. */
	private static final Duration SLACK = Duration.ofMillis(700);

	private static ScratchCluster cluster;

	@BeforeAll
	static void startCluster() {
		String reason = ScratchCluster.unavailableReason();
		Assumptions.assumeTrue(reason == null, () -> "No scratch cluster: " + reason);
		cluster = ScratchCluster.start(PORT);
	}

	@AfterAll
	static void deleteCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class,
							HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
							HealthEndpointAutoConfiguration.class, PgActuatorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + cluster.jdbcUrl("postgres"),
					"spring.datasource.username=postgres", "spring.datasource.hikari.connection-timeout=5000",
					"spring.datasource.hikari.maximum-pool-size=3",
					"databridge.pg.health.timeout=" + TIMEOUT.toMillis() + "ms",
					"databridge.pg.statistics.enabled=false", "management.endpoint.health.show-details=always");
	}

	@Test
	void shouldAnswerDownWithinTheHealthTimeoutOnceTheServerIsStopped() {
		runner().run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
			cluster.stopImmediately();
			try {
				assertDownWithinTheTimeout(endpoint::health);
				// and again, while the first read may still wait on the pool
				assertDownWithinTheTimeout(endpoint::health);
				assertDownWithinTheTimeout(() -> endpoint.healthForPath("databridge"));
			}
			finally {
				cluster.restart();
			}
		});
	}

	@Test
	void shouldAnswerDownWithinTheHealthTimeoutWhileTheServerHangsAndUpOnceItRunsAgain() {
		runner().run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
			cluster.pause();
			try {
				assertDownWithinTheTimeout(endpoint::health);
				assertDownWithinTheTimeout(endpoint::health);
			}
			finally {
				cluster.resume();
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			Status status = endpoint.health().getStatus();
			while (!status.equals(Status.UP) && System.nanoTime() < deadline) {
				Thread.sleep(200);
				status = endpoint.health().getStatus();
			}
			assertThat(status).isEqualTo(Status.UP);
		});
	}

	private static void assertDownWithinTheTimeout(Supplier<HealthDescriptor> health) {
		long start = System.nanoTime();
		HealthDescriptor descriptor = health.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(descriptor).isNotNull();
		assertThat(descriptor.getStatus()).isEqualTo(Status.DOWN);
		assertThat(took).isLessThanOrEqualTo(TIMEOUT.plus(SLACK));
	}

}
