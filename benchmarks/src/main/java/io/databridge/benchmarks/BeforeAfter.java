package io.databridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.databridge.benchmarks.BeforeAfterReport.Comparison;
import io.databridge.benchmarks.BeforeAfterReport.Plan;
import io.databridge.benchmarks.BeforeAfterReport.Run;
import io.databridge.benchmarks.BeforeAfterReport.Side;
import io.databridge.postgres.test.TestDatabase;

/**
 * The before/after run of {@code benchmarks/before-after.sh}: the {@code data-bridge} and
 * {@code jdbc} contenders of two builds of the benchmark harness (the BEFORE commit's and
 * the current tree's), each in a JVM of its own ({@link ContenderMain}, started with the
 * class path of its harness and the same arguments), interleaved round by round on one
 * database, then {@code before-after.md}: per workload the per-round ratios data-bridge ÷
 * jdbc of each side, their medians and AFTER-median ÷ BEFORE-median.
 *
 * <p>
 * Arguments are {@code key=value}: {@code rounds}, {@code report} (the markdown file),
 * {@code before-classpath} and {@code after-classpath} (files holding a class path),
 * {@code before-commit}, {@code after-commit}, {@code command}, and optionally
 * {@code before-subject}, {@code after-subject}, {@code commits-between},
 * {@code harness-diff} (a file with the diff stat of the harness between the two),
 * {@code logs} (where each JVM's standard error goes). The JDBC URL is found like the
 * tests find it.
 */
public final class BeforeAfter {

	/** Rows in the read table (as in {@code run.sh full}). */
	static final int READ_ROWS = 1_000_000;

	/** Warm-up iterations of the read workloads (as in {@code run.sh full}). */
	static final int WARMUPS = 10;

	/**
	 * Warm-up iterations of the 100,000-row insert: {@code run.sh full} runs one, in a
	 * JVM already warm from the 1,000- and 10,000-row inserts; this JVM runs 100,000 rows
	 * only, so it warms up longer (with one, the JIT compiled for most of the measured
	 * time).
	 */
	static final int LARGE_WARMUPS = 5;

	/** Measured iterations of a read JVM. */
	static final int READ_ITERATIONS = 5;

	/** Measured iterations of an insert JVM. */
	static final int INSERT_ITERATIONS = 3;

	/** An iteration repeats the operation until it lasts at least this long. */
	static final int MIN_ITERATION_MILLIS = 500;

	/** Rows per round trip when streaming (unused by these workloads, passed along). */
	static final int FETCH_SIZE = 1000;

	/** The options of every contender JVM (as {@code run.sh full}'s forks). */
	static final List<String> JVM_OPTIONS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch",
			"-Dorg.jboss.logging.provider=slf4j");

	private static final Duration FORK_TIMEOUT = Duration.ofMinutes(15);

	private static final String DB = "data-bridge";

	private static final String DB_P1 = "data-bridge p=1";

	/** The workloads, in the order every round runs them. */
	static final List<Plan> PLANS = List.of(
			new Plan(Workload.SELECT_RANGE, 1_000, List.of(DB, BeforeAfterReport.JDBC),
					List.of(DB, BeforeAfterReport.JDBC),
					List.of(new Comparison(DB, DB, "PgTemplate.query(sql, type, args) on both sides"))),
			new Plan(Workload.FIND_BY_ID, 10_000, List.of(DB, BeforeAfterReport.JDBC),
					List.of(DB, BeforeAfterReport.JDBC),
					List.of(new Comparison(DB, DB, "10,000 repository findById calls in sequence on both sides"))),
			new Plan(Workload.INSERT, 100_000, List.of(DB, DB_P1, BeforeAfterReport.JDBC),
					List.of(DB, BeforeAfterReport.JDBC),
					List.of(new Comparison(DB, DB,
							"each harness's default @BulkInsert path: BEFORE parallel COPY at parallelism = cores, "
									+ "all or nothing (two-phase commit when max_prepared_transactions allows); "
									+ "AFTER the atomic default, one pipelined COPY in one transaction"),
							new Comparison(DB_P1, DB,
									"like for like: BEFORE's @BulkInsert at parallelism 1 (one pipelined COPY on "
											+ "one connection) against AFTER's atomic default (the same shape)"))));

	private BeforeAfter() {
	}

	/**
	 * Runs the comparison and writes the report.
	 * @param args {@code key=value} arguments, see the class description
	 * @throws Exception when the database cannot be set up or the report not written
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("BeforeAfter takes key=value arguments, got '" + arg + "'");
			}
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		int rounds = Integer.parseInt(required(options, "rounds"));
		if (rounds < 1) {
			throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
		}
		Map<Side, String> classpaths = Map.of(Side.BEFORE,
				Files.readString(Path.of(required(options, "before-classpath"))).strip(), Side.AFTER,
				Files.readString(Path.of(required(options, "after-classpath"))).strip());
		Path report = Path.of(required(options, "report"));
		Path logs = Path.of(options.getOrDefault("logs", "benchmarks/target/before-after/logs"));
		Files.createDirectories(logs);
		int failed = run(rounds, classpaths, report, logs, options);
		System.err.println("[before-after] report written to " + report.toAbsolutePath());
		System.exit(failed == 0 ? 0 : 1);
	}

	private static String required(Map<String, String> options, String key) {
		String value = options.get(key);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("BeforeAfter needs the argument " + key + "=...");
		}
		return value;
	}

	/**
	 * Whether a round runs the BEFORE harness first: odd rounds do, even rounds run AFTER
	 * first.
	 * @param round the round, from 1
	 * @return true for odd rounds
	 */
	static boolean beforeFirst(int round) {
		return round % 2 == 1;
	}

	private static int run(int rounds, Map<Side, String> classpaths, Path report, Path logs,
			Map<String, String> options) throws Exception {
		Instant started = Instant.now();
		String loadBefore = MachineInfo.loadAverage();
		TestDatabase db = TestDatabase.create("before-after");
		try {
			Map<String, String> machine;
			String readUrl = BenchRunner.withOptions(db.jdbcUrl(), BenchRunner.COMMON_OPTIONS);
			Map<String, String> writeUrls = new LinkedHashMap<>();
			try (Connection connection = db.openConnection()) {
				machine = MachineInfo.describe(connection);
				System.err.println("[before-after] loading " + READ_ROWS + " rows into the read table");
				ReadTable.create(connection, READ_ROWS);
				for (Plan plan : PLANS) {
					if (plan.workload() == Workload.INSERT) {
						for (Side side : Side.values()) {
							for (String contender : plan.contenders(side)) {
								if (!writeUrls.containsKey(contender)) {
									// both sides' contender of one name insert into the
									// same table
									writeUrls.put(contender, BenchRunner.withOptions(readUrl,
											"currentSchema=" + ReadTable.createWriteTable(connection, contender)));
								}
							}
						}
					}
				}
			}
			List<Run> runs = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				List<Side> order = beforeFirst(round) ? List.of(Side.BEFORE, Side.AFTER)
						: List.of(Side.AFTER, Side.BEFORE);
				for (Plan plan : PLANS) {
					for (Side side : order) {
						for (String contender : plan.contenders(side)) {
							String url = plan.workload() == Workload.INSERT ? writeUrls.get(contender) : readUrl;
							Fork fork = new Fork(round, side, plan, contender, url, db, classpaths.get(side), logs);
							runs.add(fork.runWithRetry());
						}
					}
				}
			}
			String loadAfter = MachineInfo.loadAverage();
			long minutes = ChronoUnit.SECONDS.between(started, Instant.now()) / 60;
			BeforeAfterReport body = new BeforeAfterReport(PLANS, runs, Runtime.getRuntime().availableProcessors());
			String markdown = header(options, rounds, started, minutes, loadBefore, loadAfter, machine)
					+ body.body(rounds) + differences(options);
			Files.createDirectories(report.toAbsolutePath().getParent());
			Files.writeString(report, markdown);
			return (int) runs.stream().filter(run -> !run.result().ok()).count();
		}
		finally {
			db.drop();
		}
	}

	private static String header(Map<String, String> options, int rounds, Instant started, long minutes,
			String loadBefore, String loadAfter, Map<String, String> machine) {
		StringBuilder out = new StringBuilder("# Before/after: data-bridge ÷ hand-written JDBC\n\n");
		out.append("Generated by `")
			.append(options.getOrDefault("command", "benchmarks/before-after.sh"))
			.append("`; do not edit by hand, run the command again.\n\n");
		out.append("- BEFORE: `")
			.append(options.get("before-commit"))
			.append("` ")
			.append(options.getOrDefault("before-subject", ""))
			.append("\n");
		out.append("- AFTER: `")
			.append(options.get("after-commit"))
			.append("` ")
			.append(options.getOrDefault("after-subject", ""))
			.append("\n");
		if (options.containsKey("commits-between")) {
			out.append("- Commits from BEFORE to AFTER: ").append(options.get("commits-between")).append("\n");
		}
		out.append("- Started ")
			.append(started.truncatedTo(ChronoUnit.SECONDS))
			.append(", ")
			.append(rounds)
			.append(rounds == 1 ? " round" : " rounds")
			.append(", ")
			.append(minutes)
			.append(" min of measuring (after the builds)\n");
		out.append("- Load average at the start: ")
			.append(loadBefore)
			.append("; at the end: ")
			.append(loadAfter)
			.append("\n");
		for (String key : List.of("CPU", "Memory", "JDK", "PostgreSQL")) {
			if (machine.containsKey(key)) {
				out.append("- ").append(key).append(": ").append(machine.get(key)).append("\n");
			}
		}
		out.append("\n## How it ran\n\n");
		out.append("Each round runs, per workload, the BEFORE harness's contender JVMs and the AFTER harness's, ")
			.append("BEFORE first in odd rounds and AFTER first in even rounds, one JVM at a time, each in a fresh JVM ")
			.append("(`io.databridge.benchmarks.ContenderMain` of its own harness and class path). Both sides get ")
			.append("exactly the same arguments and JVM: the same java binary, `")
			.append(String.join(" ", JVM_OPTIONS))
			.append("`, one database with one read table of ")
			.append(String.format(Locale.ROOT, "%,d", READ_ROWS))
			.append(" rows, the same insert table per contender name, reads with ")
			.append(WARMUPS)
			.append(" warm-up and ")
			.append(READ_ITERATIONS)
			.append(" measured iterations, the insert with ")
			.append(LARGE_WARMUPS)
			.append(" warm-up and ")
			.append(INSERT_ITERATIONS)
			.append(" measured iterations, every iteration at least ")
			.append(MIN_ITERATION_MILLIS)
			.append(" ms. A figure is the median of a JVM's measured iterations (mean time per operation); every ")
			.append("operation is verified by the harness. A JVM that fails with an exception runs once more.\n\n")
			.append("Unlike `run.sh full`: one JVM per side, workload and round runs only the size compared (full ")
			.append("runs every size of a workload in one JVM, the inserts in ascending order with 1 warm-up from ")
			.append("100,000 rows, hence the ")
			.append(LARGE_WARMUPS)
			.append(" warm-ups here), and the insert measures ")
			.append(INSERT_ITERATIONS)
			.append(" iterations per JVM where full measures 1 per round; the same on both sides.\n\n");
		return out.toString();
	}

	private static String differences(Map<String, String> options) throws IOException {
		StringBuilder out = new StringBuilder("\n## What differs between the two harnesses\n\n");
		String before = options.getOrDefault("before-commit", "");
		if (before.startsWith("f95baf8")) {
			out.append("Checked when this script was written, for BEFORE = f95baf8 (the parent of 28ae251, the ")
				.append("formatter commit that opened the architecture work): `BenchData`, `Checksum`, ")
				.append("`BenchEnvironment`, `ReadTable`'s tables, `WorkloadInput` and the `jdbc` contender differ only ")
				.append("in formatting; `ContenderMain` takes the same arguments and runs the same loop, plus the ")
				.append("per-lookup clock below and a hook (`Iteration.reportedNanos`) that only the asyncpg ")
				.append("contender uses. The `data-bridge` contender differs:\n\n")
				.append("- BEFORE builds its repository with the internal `PgRepositoryFactory` directly (no Spring ")
				.append("context, no transaction interceptor); AFTER builds it in an application context with ")
				.append("`@EnablePgRepositories`, so AFTER's `findById` also passes Spring's repository proxy and ")
				.append("transaction interceptor. The select uses `PgTemplate.query` on both sides.\n")
				.append("- Insert: BEFORE's default `data-bridge` runs a parallel COPY at parallelism = cores, all or ")
				.append("nothing (two-phase commit when `max_prepared_transactions` allows, see the PostgreSQL line ")
				.append("above); AFTER's `data-bridge` runs the atomic default (one pipelined COPY on one connection, ")
				.append("one transaction). BEFORE's `data-bridge p=1` (one pipelined COPY on one connection) is ")
				.append("the like-for-like row.\n")
				.append("- AFTER's harness times each `findById` lookup on its own (two `System.nanoTime` calls per ")
				.append("lookup, for `data-bridge` and `jdbc` alike).\n\n")
				.append("The comparison is of the two trees: the library and the harness changed in every commit ")
				.append("between them, not only the architecture change.\n");
		}
		else {
			out.append("BEFORE is not f95baf8: check the harness changes below (`git diff` BEFORE..AFTER of ")
				.append("`benchmarks/src/main`) before reading the ratios as the library's.\n");
		}
		String diff = options.get("harness-diff");
		if (diff != null && Files.isRegularFile(Path.of(diff))) {
			out.append(
					"\nThe measuring and compared contenders' files changed from BEFORE to AFTER (`git diff --stat`, "
							+ "formatting included):\n\n```\n")
				.append(Files.readString(Path.of(diff)).stripTrailing())
				.append("\n```\n");
		}
		return out.toString();
	}

	/** One contender JVM of one harness. */
	private record Fork(int round, Side side, Plan plan, String contender, String url, TestDatabase db,
			String classpath, Path logs) {

		Run runWithRetry() throws IOException, InterruptedException {
			Run first = runOnce(1);
			Result result = first.result();
			if (result.ok() || !result.message().startsWith("error:")) {
				return first;
			}
			System.err.println("[before-after] " + this.side + " " + this.contender + " failed with an exception; "
					+ "running it once more");
			Run second = runOnce(2);
			return new Run(second.round(), second.side(), second.workload(), second.contender(), second.load1(),
					second.result().renamed(second.result().contender(), "retried once after: " + result.message()));
		}

		private Run runOnce(int attempt) throws IOException, InterruptedException {
			Workload workload = this.plan.workload();
			boolean insert = workload == Workload.INSERT;
			List<String> command = new ArrayList<>(List.of(ContenderProcess.javaLauncher()));
			command.addAll(JVM_OPTIONS);
			command.addAll(List.of("-cp", this.classpath, ContenderMain.class.getName(), this.contender, workload.key(),
					Integer.toString(this.plan.size()), Integer.toString(WARMUPS), Integer.toString(LARGE_WARMUPS),
					Integer.toString(insert ? INSERT_ITERATIONS : READ_ITERATIONS),
					Integer.toString(MIN_ITERATION_MILLIS), Integer.toString(READ_ROWS), Integer.toString(FETCH_SIZE),
					"-"));
			Path log = this.logs.resolve("r" + this.round + "-" + this.side.name().toLowerCase(Locale.ROOT) + "-"
					+ workload.key() + "-" + this.contender.replaceAll("[^A-Za-z0-9]+", "_") + "-" + attempt + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
			builder.environment().put("BENCH_JDBC_URL", this.url);
			builder.environment().put("BENCH_USER", this.db.username());
			String password = this.db.password();
			if (password != null) {
				builder.environment().put("BENCH_PASSWORD", password);
			}
			double load = MachineInfo.loadAverage1();
			System.err.printf("[before-after] round %d %-6s %-16s %-12s (load %.2f)%n", this.round, this.side,
					this.contender, workload.key(), load);
			ContenderProcess outcome = ContenderProcess.run(builder, FORK_TIMEOUT, result -> {
			}, line -> {
			});
			Result result = outcome.forSize(this.plan.size());
			if (result == null) {
				result = Result.failed(this.contender, workload, this.plan.size(),
						outcome.whyMissing() + "; last lines of " + log + ": " + tail(log));
			}
			else if (!result.ok()) {
				System.err.println("[before-after]   " + result.status() + " " + result.message());
			}
			else {
				System.err.printf("[before-after]   median %.3f ms%n", result.medianNanos() / 1e6);
			}
			return new Run(this.round, this.side, workload, this.contender, load, result);
		}

		private static String tail(Path log) {
			try {
				List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
				return BeforeAfterReport
					.oneLine(String.join(" / ", lines.subList(Math.max(0, lines.size() - 4), lines.size())));
			}
			catch (IOException | RuntimeException ex) {
				return "(unreadable: " + ex + ")";
			}
		}

	}

}
