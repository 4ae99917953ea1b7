package io.databridge.postgres.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

	/** Whether the test server allows enough prepared transactions for these tests. */
	public static boolean available() {
		return maxPreparedTransactions() >= 16;
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
