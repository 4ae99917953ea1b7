package io.databridge.postgres.autoconfigure.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.observation.PgMonitor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The health check against a server that accepts connections and never answers (a hung or
 * partitioned server): it answers DOWN within its timeout instead of waiting for the
 * pool's or the kernel's.
 */
class PgHealthIndicatorTests {

	@Test
	void shouldAnswerDownWithinTheTimeoutWhenTheServerNeverAnswers() throws Exception {
		try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				HikariDataSource dataSource = new HikariDataSource()) {
			List<Socket> accepted = new CopyOnWriteArrayList<>();
			Thread acceptor = Thread.ofVirtual().start(() -> {
				try {
					while (true) {
						accepted.add(blackHole.accept());
					}
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			});
			dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/none");
			dataSource.setUsername("nobody");
			dataSource.setConnectionTimeout(30_000);
			dataSource.setInitializationFailTimeout(-1);
			// the pool's own attempts give up after 5 s, so that closing it is quick; the
			// check must answer long before that
			dataSource.addDataSourceProperty("loginTimeout", "5");
			PgMonitor monitor = new PgMonitor(dataSource, Duration.ofMillis(800));
			PgHealthIndicator indicator = new PgHealthIndicator(monitor, Duration.ofMinutes(1));

			long start = System.nanoTime();
			Health health = indicator.health(true);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("did not finish within PT0.8S");
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			// a second check while the first read still waits on the pool fails at once
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(monitor::serverStatus)
				.isInstanceOfAny(QueryTimeoutException.class,
						org.springframework.dao.TransientDataAccessResourceException.class);
			blackHole.close();
			acceptor.join(2000);
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

}
