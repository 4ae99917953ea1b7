package io.databridge.postgres.internal.bulk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databridge.postgres.bulk.TwoPhaseSupport;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL between PREPARE and COMMIT of a crash-consistent load: a
 * child JVM (the test class path, {@link CrashingLoadChild}) runs the load and is killed
 * once both partitions have prepared; the server drops the dead coordinator's lease with
 * its session, so a new JVM started 2 seconds later settles the load at once (no grace
 * period): within 5 seconds of its start the table holds none of the load's rows and no
 * prepared transaction, ledger row or session of the dead JVM is left. (When another test
 * of this JVM left a periodic recovery running, that one may settle the load first, as
 * soon as the lease is free; the test accepts either.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BulkInsertCrashIntegrationTests {

	static TestDatabase db;

	@BeforeAll
	static void setUp() {
		TwoPhaseSupport.assumeAvailable();
		db = TestDatabase.shared();
		db.execute("CREATE TABLE crash_row (id bigint PRIMARY KEY, name text NOT NULL)");
	}

	@Test
	void shouldSettleALoadWhoseJvmWasKilledBetweenPrepareAndCommitWithinFiveSecondsOfTheNextJvmsStart()
			throws Exception {
		Process load = child("load");
		try {
			assertThat(awaitLine(load, "PREPARED", 120)).as("the child prepared its partitions").isTrue();
			assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() "
					+ "AND gid LIKE 'databridge\\_bulk\\_%'"))
				.isEqualTo("2");
			load.destroyForcibly();
			assertThat(load.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			load.destroyForcibly();
		}
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() "
				+ "AND gid LIKE 'databridge\\_bulk\\_%'"))
			.as("left prepared by the killed JVM")
			.isEqualTo("2");
		Thread.sleep(2_000);

		long started = System.nanoTime();
		Process recovery = child("recover");
		boolean settled = false;
		while (!settled && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
			Thread.sleep(50);
			settled = "0".equals(query("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database() "
					+ "AND gid LIKE 'databridge\\_bulk\\_%'"));
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(recovery.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(recovery.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		System.out.printf("[crash] settled %s ms after the recovering JVM started; it printed: %s%n", millis,
				output.strip());
		assertThat(settled).as("settled within 5 s of the new JVM's start (%d ms); it printed %s", millis, output)
			.isTrue();
		// "RECOVERED 2 0", unless a periodic recovery of an inserter of this test JVM
		// (left
		// running by another test while the child's load was live) settled it first
		assertThat(output).matches("(?s)RECOVERED [02] 0\\s*");
		assertThat(query("SELECT count(*) FROM crash_row")).as("rows of the load").isEqualTo("0");
		assertThat(query("SELECT count(*) FROM databridge_2pc_ledger")).as("ledger rows").isEqualTo("0");
		assertThat(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND application_name = 'bulk-crash-child'"))
			.as("sessions of the child JVMs")
			.isEqualTo("0");
	}

	private static Process child(String mode) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		// a quick start on a loaded machine: C1 only, one GC thread
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xshare:auto", "-cp", System.getProperty("java.class.path"), CrashingLoadChild.class.getName(), mode,
				db.jdbcUrl(), db.username()));
		if (db.password() != null) {
			command.add(db.password());
		}
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static boolean awaitLine(Process process, String expected, int seconds) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
			if (line.equals(expected)) {
				return true;
			}
		}
		return false;
	}

	private static String query(String sql) {
		return db.queryForString(sql);
	}

}
