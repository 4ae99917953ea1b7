package io.databridge.postgres.bulk;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.test.TestDatabase;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault injection shared by the bulk fault tests: ends one COPY backend of a running load
 * with {@code pg_terminate_backend} (found through {@code pg_stat_progress_copy} and the
 * pool's application name), and small queries on an unpooled admin connection.
 */
final class CopyFaults {

	private CopyFaults() {
	}

	/**
	 * Starts a load of up to two million rows after {@code previous} on a virtual thread,
	 * holds the input once 200,000 rows were produced, terminates a COPY backend of
	 * {@code application}, and asserts that the load fails with a
	 * {@link DataAccessResourceFailureException} naming the table.
	 */
	static <T> void assertTerminatedMidCopy(String application, String table, long previous, LongFunction<T> row,
			Function<Stream<T>, Long> load) throws Exception {
		assertTerminatedMidCopy(application, table, (produced, terminated) -> load
			.apply(LongStream.rangeClosed(previous + 1, previous + 2_000_000).mapToObj(i -> {
				if (i == previous + 200_000) {
					produced.countDown();
					awaitQuietly(terminated);
				}
				return row.apply(i);
			})));
	}

	/**
	 * {@link #assertTerminatedMidCopy(String, String, long, LongFunction, Function)} with
	 * a random-access list as the input, which the partitions split into segments and
	 * read themselves; reading row 200,000 holds.
	 */
	static <T> void assertTerminatedMidCopyOfList(String application, String table, long previous, LongFunction<T> row,
			Function<List<T>, Long> load) throws Exception {
		assertTerminatedMidCopy(application, table,
				(produced, terminated) -> load.apply(new HoldingList<>(2_000_000, i -> {
					if (i == 199_999) {
						produced.countDown();
						awaitQuietly(terminated);
					}
					return row.apply(previous + 1 + i);
				})));
	}

	private static void assertTerminatedMidCopy(String application, String table,
			BiFunction<CountDownLatch, CountDownLatch, Long> load) throws Exception {
		CountDownLatch produced = new CountDownLatch(1);
		CountDownLatch terminated = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Long> running = executor.submit(() -> load.apply(produced, terminated));
			assertThat(produced.await(60, TimeUnit.SECONDS)).isTrue();
			String pid = awaitRow("SELECT p.pid FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid) "
					+ "WHERE a.datname = current_database() AND a.application_name = '" + application
					+ "' AND p.tuples_processed > 0 LIMIT 1", 200);
			assertThat(pid).as("a partition's COPY backend").isNotNull();
			assertThat(query("SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
			terminated.countDown();
			assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(DataAccessResourceFailureException.class)
				.hasMessageContaining(table);
		}
	}

	/**
	 * Runs a query every 50 ms until it returns a row, at most {@code attempts} times.
	 * @return its first column, or {@code null} when it never returned a row
	 */
	static @Nullable String awaitRow(String sql, int attempts) throws InterruptedException {
		for (int attempt = 0; attempt < attempts; attempt++) {
			String value = queryOrNull(sql);
			if (value != null) {
				return value;
			}
			Thread.sleep(50);
		}
		return null;
	}

	/** A random-access list whose elements are made when read, by position. */
	static final class HoldingList<T> extends AbstractList<T> implements RandomAccess {

		private final int size;

		private final IntFunction<T> element;

		HoldingList(int size, IntFunction<T> element) {
			this.size = size;
			this.element = element;
		}

		@Override
		public T get(int index) {
			return this.element.apply(index);
		}

		@Override
		public int size() {
			return this.size;
		}

	}

	/**
	 * A pool of 4 whose backends carry {@code application} as their application name, so
	 * that a test can find and end them; connection timeout 20 s.
	 */
	static HikariDataSource pool(String name, String application) {
		TestDatabase db = TestDatabase.shared();
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=" + application);
		config.setUsername(db.username());
		config.setPassword(db.password());
		config.setMaximumPoolSize(4);
		config.setConnectionTimeout(20_000);
		return new HikariDataSource(config);
	}

	/**
	 * A template over the pool whose parallel loads use 4 partitions and small (8 KiB)
	 * chunks.
	 */
	static PgTemplate template(HikariDataSource pool) {
		PgTemplate template = new PgTemplate(pool);
		BulkSettings settings = new BulkSettings();
		settings.setParallelism(4);
		settings.setChunkBytes(8192);
		template.setBulkSettings(settings);
		return template;
	}

	/** Waits for a latch, at most a minute, keeping the interrupt flag. */
	static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The first column of the first row, which must exist. */
	static String query(String sql) {
		String value = queryOrNull(sql);
		assertThat(value).as(sql).isNotNull();
		return value;
	}

	/** The first column of the first row, or {@code null} without rows. */
	static @Nullable String queryOrNull(String sql) {
		return TestDatabase.shared().queryForString(sql);
	}

}
