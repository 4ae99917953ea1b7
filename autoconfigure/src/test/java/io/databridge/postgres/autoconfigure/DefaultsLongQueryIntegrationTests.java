package io.databridge.postgres.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.support.KeepAliveSocketFactory;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 5-minute {@code pg_sleep} on a healthy network is not killed by data-bridge's
 * defaults: Boot's real auto-configuration with no {@code databridge.pg.*} property (TCP
 * keepalive on the pool's connections, no default statement timeout, the
 * {@code PgTransactionManager} with no transaction timeout) against the shared server.
 * The query outlives many keepalive windows, and while it runs the kernel shows the
 * connection's keepalive timer counting down from the configured idle time (not the
 * kernel's two hours) with no unanswered probe.
 *
 * <p>
 * It mostly waits, so it runs alongside this module's other test classes
 * ({@link ExecutionMode#CONCURRENT}; see {@code junit-platform.properties}), which still
 * run one at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class DefaultsLongQueryIntegrationTests {

	private static final int SECONDS = 300;

	private static final Pattern KEEPALIVE_TIMER = Pattern.compile("timer:\\(keepalive,([^,]+),(\\d+)\\)");

	@Test
	void aFiveMinuteQueryOnAHealthyNetworkIsNotKilledByTheDefaults() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
							PgDataAutoConfiguration.class, PgResilienceAutoConfiguration.class))
			.withInitializer((context) -> TestPropertyValues.of(TestDatabase.shared().springDataSourceProperties())
				.applyTo(context))
			.run((context) -> {
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				KeepAliveSocketFactory keepalive = new KeepAliveSocketFactory(
						pool.getDataSourceProperties().getProperty("socketFactoryArg"));
				assertThat(pool.getDataSourceProperties()).containsEntry("socketFactory",
						KeepAliveSocketFactory.class.getName());
				assertThat(keepalive.deadPeerTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(60));
				assertThat(Duration.ofSeconds(SECONDS)).isGreaterThan(keepalive.deadPeerTimeout().multipliedBy(5));
				JdbcOperations jdbc = context.getBean(PgTemplate.class).getJdbcOperations();
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				long start = System.nanoTime();
				String slept = transaction.execute((status) -> {
					Integer clientPort = jdbc.queryForObject("SELECT inet_client_port()", Integer.class);
					CompletableFuture<String> timer = CompletableFuture
						.supplyAsync(() -> keepaliveTimerAfter(Duration.ofSeconds(40), clientPort));
					String result = jdbc.queryForObject("SELECT pg_sleep(?)::text", String.class, (double) SECONDS);
					assertKeepaliveWasShortAndAnswered(timer.join());
					return result;
				});
				assertThat(slept).isEmpty();
				// the server's clock times pg_sleep, the JVM's this: one CI run measured
				// 4:59.992 here; a second is far below any timeout the test guards
				// against
				assertThat(Duration.ofNanos(System.nanoTime() - start))
					.isGreaterThanOrEqualTo(Duration.ofSeconds(SECONDS - 1));
			});
	}

	/**
	 * The keepalive timer {@code ss} shows for the client's end of the connection after a
	 * while, or {@code null} where {@code ss} is not installed.
	 */
	private static String keepaliveTimerAfter(Duration wait, Integer clientPort) {
		if (!Files.isExecutable(Path.of("/usr/bin/ss")) && !Files.isExecutable(Path.of("/bin/ss"))) {
			return null;
		}
		try {
			Thread.sleep(wait);
			Process ss = new ProcessBuilder("ss", "-tnoH", "state", "established", "( sport = :" + clientPort + " )")
				.redirectErrorStream(true)
				.start();
			String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			ss.waitFor(10, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void assertKeepaliveWasShortAndAnswered(String ssLine) {
		if (ssLine == null) {
			return;
		}
		Matcher timer = KEEPALIVE_TIMER.matcher(ssLine);
		assertThat(timer.find()).as("keepalive timer on the connection: %s", ssLine).isTrue();
		assertThat(timer.group(1)).as("time to the next keepalive probe (idle 15 s, interval 5 s): %s", ssLine)
			.doesNotContain("min")
			.doesNotContain("h");
		assertThat(timer.group(2)).as("unanswered keepalive probes").isEqualTo("0");
	}

}
