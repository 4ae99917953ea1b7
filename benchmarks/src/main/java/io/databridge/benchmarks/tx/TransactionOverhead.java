package io.databridge.benchmarks.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

import io.databridge.postgres.test.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures what a Spring transaction costs over hand-written JDBC on the same HikariCP
 * pool: the begin/commit of {@link JdbcTransactionManager} (Boot's default) around
 * nothing, and around one {@code SELECT 1}, each against the same work done with a bare
 * connection ({@code setAutoCommit(false)}, work, {@code commit()},
 * {@code setAutoCommit(true)}, close). pgjdbc sends {@code BEGIN} lazily with the first
 * statement and skips {@code COMMIT} when nothing ran, so the empty case measures the
 * Java-side cost only; the {@code SELECT 1} case includes the round trips. A plain main,
 * no JMH: several rounds, median per-operation time.
 *
 * <p>
 * Run: {@code ./mvnw -q -B -pl benchmarks -am compile} then
 * {@code java -cp "benchmarks/target/classes:$(cat cp.txt)" io.databridge.benchmarks.tx.TransactionOverhead [ops] [rounds]}
 * with the class path from {@code dependency:build-classpath}.
 */
public final class TransactionOverhead {

	private TransactionOverhead() {
	}

	/**
	 * Runs the measurement and prints one line per case.
	 * @param args operations per round (default 20000) and rounds (default 7)
	 */
	public static void main(String[] args) throws Exception {
		int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
		TestDatabase db = TestDatabase.shared();
		DataSource dataSource = db.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate spring = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		TransactionTemplate springReadOnly = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		springReadOnly.setReadOnly(true);

		Case[] cases = { new Case("bare JDBC, empty transaction", () -> bare(dataSource, false)),
				new Case("Spring JdbcTransactionManager, empty transaction", () -> spring.executeWithoutResult(s -> {
				})), new Case("bare JDBC, SELECT 1 in a transaction", () -> bare(dataSource, true)),
				new Case("Spring, SELECT 1 in a transaction", () -> spring.executeWithoutResult(s -> select(jdbc))),
				new Case("Spring read-only, SELECT 1 in a transaction",
						() -> springReadOnly.executeWithoutResult(s -> select(jdbc))),
				new Case("SELECT 1 in auto-commit, no transaction", () -> select(jdbc)), };

		System.out.printf("ops/round=%d rounds=%d (first round is warm-up)%n", ops, rounds);
		for (Case c : cases) {
			double[] micros = new double[rounds];
			for (int r = 0; r < rounds; r++) {
				long start = System.nanoTime();
				for (int i = 0; i < ops; i++) {
					c.work.run();
				}
				micros[r] = (System.nanoTime() - start) / 1000.0 / ops;
			}
			double[] measured = Arrays.copyOfRange(micros, 1, rounds);
			Arrays.sort(measured);
			System.out.printf("%-52s median %8.2f us/op  (min %.2f, max %.2f)%n", c.name, measured[measured.length / 2],
					measured[0], measured[measured.length - 1]);
		}
	}

	private static void bare(DataSource dataSource, boolean select) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			if (select) {
				try (PreparedStatement ps = connection.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
					rs.next();
				}
			}
			connection.commit();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void select(JdbcTemplate jdbc) {
		jdbc.queryForObject("SELECT 1", Integer.class);
	}

	private record Case(String name, Runnable work) {
	}

}
