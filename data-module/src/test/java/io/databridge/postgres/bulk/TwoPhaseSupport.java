package io.databridge.postgres.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.databridge.postgres.test.TestDatabase;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two-phase commit tests need a server with {@code max_prepared_transactions > 0}: CI and
 * the embedded server have 64; a stock local server has 0, and there these tests are
 * skipped with the reason (the engine itself falls back to staging tables, which other
 * tests cover).
 */
public final class TwoPhaseSupport {

	private TwoPhaseSupport() {
	}

	/** Skips the calling test class unless the test server has prepared transactions. */
	public static void assumeAvailable() {
		int max = maxPreparedTransactions();
		assumeTrue(max >= 16, "the test server has max_prepared_transactions = " + max
				+ "; set it to 64 (ALTER SYSTEM SET max_prepared_transactions = 64, then restart) to run it");
	}

	/**
	 * Creates the ledger table of crash-consistent loads unless it exists (recovery
	 * creates it only when something is in doubt), so that checks can read it.
	 */
	public static void createLedger() {
		TestDatabase.shared()
			.execute("CREATE TABLE IF NOT EXISTS databridge_2pc_ledger (load_id text PRIMARY KEY, "
					+ "committed boolean NOT NULL, decided_at timestamptz NOT NULL DEFAULT now())");
	}

	/** Whether the test server allows enough prepared transactions for these tests. */
	public static boolean available() {
		return maxPreparedTransactions() >= 16;
	}

	/**
	 * A random-access list of {@code count} rows made when read, which at least two
	 * partitions must read: reading row {@code count / 5} (in the first segment of up to
	 * four partitions, after the read-ahead of 16 chunks, some thousand rows with chunks
	 * of 4 KiB, which the test's settings must use) waits until the last row (in the last
	 * segment) has been read, so one partition alone cannot get past it. The wait gives
	 * up after a minute, so a regression fails instead of hanging.
	 */
	public static <T> List<T> readByTwoPartitions(int count, IntFunction<T> row) {
		CountDownLatch lastRead = new CountDownLatch(1);
		return new CopyFaults.HoldingList<>(count, index -> {
			if (index == count / 5) {
				try {
					lastRead.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (index == count - 1) {
				lastRead.countDown();
			}
			return row.apply(index);
		});
	}

	private static int maxPreparedTransactions() {
		try (Connection connection = TestDatabase.shared().openConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW max_prepared_transactions")) {
			rs.next();
			return rs.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
