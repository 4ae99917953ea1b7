package io.databridge.postgres.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An immediate restart ({@code pg_ctl stop -m immediate}, a crash for the clients) of a
 * scratch cluster on port 5434 under 50 concurrent callers, each inserting two rows per
 * transaction through {@link PgTemplate} and {@link PgTransactionManager} on a pool of
 * 10. Every error must be a {@link DataAccessException}; every acknowledged transaction
 * must be present; every transaction reported as failed (not as
 * {@link CommitOutcomeUnknownException}) must be absent; and every unknown outcome is
 * accounted for by reading the table.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerRestartIntegrationTests {

	private static final int PORT = 5434;

	private static final int CALLERS = 50;

	@RegisterExtension
	static final ScratchClusterExtension cluster = new ScratchClusterExtension(PORT);

	@Table("restart_row")
	record Row(@Id Long id, long tx) {
	}

	@Test
	void everyErrorIsADataAccessExceptionAndNoAcknowledgedOrFailedTransactionLies() throws Exception {
		Outcomes outcomes = new Outcomes();
		try (HikariDataSource pool = pool()) {
			new JdbcTemplate(pool).execute("CREATE TABLE restart_row (id bigint PRIMARY KEY, tx bigint NOT NULL)");
			PgTemplate template = new PgTemplate(pool);
			TransactionTemplate transactions = new TransactionTemplate(template.getTransactionManager());
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong successesAfterRestart = new AtomicLong();
			AtomicBoolean restarted = new AtomicBoolean();
			try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int caller = 0; caller < CALLERS; caller++) {
					long base = caller * 1_000_000L;
					callers.submit(() -> {
						for (long n = 0; running.get(); n++) {
							long tx = base + n;
							try {
								transactions.executeWithoutResult((status) -> {
									template.insert(new Row(tx * 2, tx));
									template.insert(new Row(tx * 2 + 1, tx));
								});
								outcomes.acknowledged.add(tx);
								if (restarted.get()) {
									successesAfterRestart.incrementAndGet();
								}
							}
							catch (CommitOutcomeUnknownException ex) {
								outcomes.unknown.add(tx);
							}
							catch (DataAccessException ex) {
								outcomes.failed.put(tx, ex.getClass().getSimpleName());
							}
							catch (Throwable ex) {
								outcomes.foreign.add(ex);
							}
						}
					});
				}
				long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (outcomes.acknowledged.size() < 500 && System.nanoTime() < warm) {
					Thread.sleep(50);
				}
				outcomes.beforeStop = outcomes.acknowledged.size();
				assertThat(outcomes.beforeStop).as("transactions before the restart").isPositive();
				cluster.cluster().stopImmediately();
				Thread.sleep(3_000);
				cluster.cluster().restart();
				restarted.set(true);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (successesAfterRestart.get() < CALLERS && System.nanoTime() < deadline) {
					Thread.sleep(100);
				}
				running.set(false);
			}
			Set<Long> present = new HashSet<>(new JdbcTemplate(pool)
				.queryForList("SELECT tx FROM restart_row GROUP BY tx HAVING count(*) = 2", Long.class));
			List<Long> halfWritten = new JdbcTemplate(pool)
				.queryForList("SELECT tx FROM restart_row GROUP BY tx HAVING count(*) <> 2", Long.class);
			long unknownPresent = outcomes.unknown.stream().filter(present::contains).count();
			System.out.printf(
					"restart under %d callers: %d acknowledged, %d failed %s, %d unknown outcome "
							+ "(%d of them committed), %d successes after the restart%n",
					CALLERS, outcomes.acknowledged.size(), outcomes.failed.size(),
					new HashSet<>(outcomes.failed.values()), outcomes.unknown.size(), unknownPresent,
					successesAfterRestart.get());
			assertThat(outcomes.foreign).as("errors that are not DataAccessExceptions").isEmpty();
			assertThat(outcomes.failed).as("the restart made calls fail").isNotEmpty();
			assertThat(halfWritten).as("transactions half written").isEmpty();
			assertThat(present).as("acknowledged transactions are present").containsAll(outcomes.acknowledged);
			List<Long> failedButPresent = new ArrayList<>(outcomes.failed.keySet());
			failedButPresent.retainAll(present);
			assertThat(failedButPresent).as("transactions reported failed (not unknown) yet committed").isEmpty();
			assertThat(successesAfterRestart.get()).as("calls recovered after the restart").isGreaterThan(0);
		}
	}

	private static HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(cluster.cluster().jdbcUrl("postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(10);
		config.setConnectionTimeout(2_000);
		config.setPoolName("restart");
		config.addDataSourceProperty("tcpKeepAlive", "true");
		config.addDataSourceProperty("socketFactory", KeepAliveSocketFactory.class.getName());
		return new HikariDataSource(config);
	}

	private static final class Outcomes {

		final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

		final Set<Long> unknown = ConcurrentHashMap.newKeySet();

		final Map<Long, String> failed = new ConcurrentHashMap<>();

		final Set<Throwable> foreign = ConcurrentHashMap.newKeySet();

		volatile int beforeStop;

	}

}
