package io.databridge.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.databridge.postgres.test.TestDatabase;

/**
 * The one command of the benchmarks ({@code benchmarks/run.sh full}): creates a fresh
 * database, loads the read table, runs every {@link Contender} on every {@link Workload}
 * in a JVM of its own ({@link Fork}), then the driver study (only with
 * {@code BENCH_DRIVER_STUDY=1}: no target needs it, and it takes about 9 minutes), and
 * writes {@code results.md}, {@code chart.svg} and {@code results.tsv} into the results
 * directory.
 *
 * <p>
 * Usage: {@code BenchRunner [full|smoke] [results-dir]}; the mode may also come from
 * {@code -Dbench.mode}. The exit code is 1 when any verification failed (those results
 * carry an error, never a figure).
 */
public final class BenchRunner {

	/**
	 * Driver options every contender gets: batched INSERT rewriting, and untyped strings
	 * so text binds to jsonb.
	 */
	static final String COMMON_OPTIONS = "reWriteBatchedInserts=true&stringtype=unspecified&ApplicationName=data-bridge-bench";

	private static final List<Workload> ORDER = List.of(Workload.SELECT_RANGE, Workload.FIND_BY_ID, Workload.STREAM,
			Workload.INSERT);

	private BenchRunner() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args optional mode ({@code full} or {@code smoke}) and results directory
	 * @throws Exception when the database cannot be set up
	 */
	public static void main(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : System.getProperty("bench.mode", "full");
		Path results = Path.of(args.length > 1 ? args[1] : System.getProperty("bench.results", "benchmarks/results"));
		Summary summary = run(
				BenchConfig.of(mode).withOverrides(System.getenv("BENCH_INSERT_SIZES"), System.getenv("BENCH_ROUNDS")),
				results);
		System.err.println("[bench] results written to " + summary.report().toAbsolutePath());
		if (!summary.failures().isEmpty()) {
			System.err.println("[bench] VERIFICATION OR RUN FAILURES:");
			summary.failures()
				.forEach(f -> System.err.println(
						"[bench]   " + f.contender() + " " + f.workload().key() + " " + f.size() + ": " + f.message()));
			System.exit(1);
		}
		System.exit(0);
	}

	/**
	 * Whether a run measures only part of the workloads (a {@code BENCH_*} override):
	 * such a run never publishes.
	 */
	private static boolean isPartial(Set<String> onlyContenders, Set<String> onlyWorkloads) {
		return !onlyContenders.isEmpty() || !onlyWorkloads.isEmpty() || System.getenv("BENCH_INSERT_SIZES") != null
				|| System.getenv("BENCH_ROUNDS") != null || System.getenv("BENCH_JVM_OPTIONS") != null;
	}

	/** Rewrites the README's generated benchmark and bulk-modes tables. */
	private static void updateReadme(BenchConfig config, RoundReport rounds, Instant started, String loadBefore,
			String loadAfter) throws IOException {
		Path readme = Path.of(System.getProperty("bench.readme", "README.md"));
		ReadmeTable.update(readme, ReadmeTable.section(config, rounds, started, loadBefore, loadAfter),
				ReadmeTable.bulkSection(config, rounds, started, loadBefore, loadAfter));
		System.err.println("[bench] README benchmark and bulk-modes tables regenerated in " + readme.toAbsolutePath());
	}

	/**
	 * Runs every contender and writes the results.
	 * @param config sizes and iterations
	 * @param resultsDir where to write {@code results.md}, {@code chart.svg} and
	 * {@code results.tsv}
	 * @return the results and the failures among them
	 * @throws Exception when the database cannot be set up or the results cannot be
	 * written
	 */
	public static Summary run(BenchConfig config, Path resultsDir) throws Exception {
		Instant started = Instant.now();
		String loadBefore = MachineInfo.loadAverage();
		TestDatabase db = TestDatabase.create("bench");
		Path workDir = null;
		try {
			Map<String, String> machine;
			try (Connection connection = db.openConnection()) {
				machine = MachineInfo.describe(connection);
				warnWithoutTwoPhaseCommit(connection);
				System.err.println("[bench] loading " + config.readRows() + " rows into the read table");
				ReadTable.create(connection, config.readRows());
				workDir = ServerFiles.probe(connection, db.jdbcUrl());
			}
			String readUrl = withOptions(db.jdbcUrl(), COMMON_OPTIONS);
			List<Contender> contenders = new ArrayList<>();
			ServiceLoader.load(Contender.class).forEach(contenders::add);
			contenders.sort(Comparator.comparingInt(Contender::order).thenComparing(Contender::name));
			Set<String> onlyContenders = only("BENCH_CONTENDERS");
			Set<String> onlyWorkloads = only("BENCH_WORKLOADS");
			contenders.removeIf(c -> !onlyContenders.isEmpty() && onlyContenders.stream()
				.noneMatch(name -> c.name().equals(name) || c.name().startsWith(name + "-")));
			List<Result> results = new ArrayList<>();
			List<Fork> forks = new ArrayList<>();
			List<Integer> forkRounds = new ArrayList<>();
			Map<String, String> writeUrls = new HashMap<>();
			for (Workload workload : ORDER) {
				if (!onlyWorkloads.isEmpty() && !onlyWorkloads.contains(workload.key())) {
					continue;
				}
				int rounds = config.rounds(workload);
				for (int round = 0; round < rounds; round++) {
					for (Contender contender : contenders) {
						List<Integer> sizes = sizes(config, contender, workload, workDir != null,
								(round == 0) ? results : new ArrayList<>());
						if (!sizes.isEmpty()) {
							String url = readUrl;
							if (workload == Workload.INSERT) {
								url = writeUrls.get(contender.name());
								if (url == null) {
									try (Connection connection = db.openConnection()) {
										url = withOptions(readUrl, "currentSchema="
												+ ReadTable.createWriteTable(connection, contender.name()));
									}
									writeUrls.put(contender.name(), url);
								}
							}
							forks.add(new Fork(contender.name(), workload, sizes, url, db.username(), db.password(),
									config.fetchSize(), workDir == null ? "-" : workDir.toString(), contender.name()));
							forkRounds.add(round);
						}
					}
				}
			}
			List<RoundResult> perRound = runRounds(forks, forkRounds, config);
			results.addAll(Result.pool(perRound.stream().map(RoundResult::result).toList()));
			boolean partial = isPartial(onlyContenders, onlyWorkloads);
			boolean withStudy = config.driverStudy() && !partial && "1".equals(System.getenv("BENCH_DRIVER_STUDY"));
			List<Result> study = withStudy ? DriverStudy.run(config, db, readUrl) : List.of();
			String loadAfter = MachineInfo.loadAverage();
			long minutes = Math.max(1, ChronoUnit.SECONDS.between(started, Instant.now()) / 60);
			RoundReport rounds = new RoundReport(perRound, Runtime.getRuntime().availableProcessors());
			Report report = new Report(config, machine, contenders, results, study, started, minutes, loadBefore,
					loadAfter, rounds);
			Path written = report.write(resultsDir);
			if ("full".equals(config.mode()) && !partial) {
				updateReadme(config, rounds, started, loadBefore, loadAfter);
			}
			List<Result> failures = new ArrayList<>();
			for (List<Result> list : List.of(results, study)) {
				list.stream().filter((result) -> "FAIL".equals(result.status())).forEach(failures::add);
			}
			return new Summary(results, study, failures, written);
		}
		finally {
			ServerFiles.delete(workDir);
			db.drop();
		}
	}

	/**
	 * The sizes of a workload that a contender runs; the others are added to
	 * {@code skipped} with the reason (unless it only does not apply).
	 */
	private static List<Integer> sizes(BenchConfig config, Contender contender, Workload workload, boolean serverFiles,
			List<Result> skipped) {
		List<Integer> sizes = new ArrayList<>();
		for (int size : config.sizes(workload)) {
			String skip = contender.skipReason(workload, size);
			if (skip == null && contender.needsServerFiles() && !serverFiles) {
				skip = "the server cannot read files written by this machine (remote server, or no "
						+ "pg_read_server_files)";
			}
			if (skip == null) {
				sizes.add(size);
			}
			else if (!skip.equals(Contender.NOT_APPLICABLE)) {
				skipped.add(Result.skipped(contender.name(), workload, size, skip));
			}
		}
		return sizes;
	}

	/**
	 * Runs the forks like {@link #runAll}, keeping each result's round and the 1-minute
	 * load average when its JVM started.
	 */
	static List<RoundResult> runRounds(List<Fork> forks, List<Integer> rounds, BenchConfig config) throws Exception {
		List<RoundResult> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(config.parallelForks())) {
			List<Future<List<RoundResult>>> running = new ArrayList<>();
			for (int i = 0; i < forks.size(); i++) {
				Fork fork = forks.get(i);
				int round = rounds.get(i);
				running.add(executor.submit(() -> {
					double load = MachineInfo.loadAverage1();
					return fork.run(config).stream().map(r -> new RoundResult(round, load, r)).toList();
				}));
			}
			for (Future<List<RoundResult>> future : running) {
				results.addAll(future.get());
			}
		}
		return results;
	}

	/**
	 * Runs the forks, {@code parallelForks} at a time, and returns their results in the
	 * order of the forks.
	 */
	static List<Result> runAll(List<Fork> forks, BenchConfig config) throws Exception {
		List<Result> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(config.parallelForks())) {
			List<Future<List<Result>>> running = new ArrayList<>();
			for (Fork fork : forks) {
				running.add(executor.submit(() -> fork.run(config)));
			}
			for (Future<List<Result>> future : running) {
				results.addAll(future.get());
			}
		}
		return results;
	}

	/**
	 * data-bridge's crash-consistent rows need {@code max_prepared_transactions} at least
	 * their parallelism; with fewer they fail.
	 */
	private static void warnWithoutTwoPhaseCommit(Connection connection) throws java.sql.SQLException {
		try (var statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT current_setting('max_prepared_transactions')::int")) {
			rs.next();
			if (rs.getInt(1) < 8) {
				System.err.println("[bench] WARNING: max_prepared_transactions is " + rs.getInt(1)
						+ ", so data-bridge's " + "crash-consistent rows (two-phase commit) cannot run; for them run "
						+ "ALTER SYSTEM SET max_prepared_transactions = 64 and restart the server");
			}
		}
	}

	/**
	 * The names listed in an environment variable, comma-separated: a partial run for
	 * development ({@code run.sh} then writes to
	 * {@code benchmarks/target/partial-results}); empty when unset.
	 * {@code BENCH_CONTENDERS} names contenders ({@code server-copy} stands for its 1/2/4
	 * variants), {@code BENCH_WORKLOADS} workload keys.
	 */
	private static Set<String> only(String variable) {
		String value = System.getenv(variable);
		Set<String> names = new LinkedHashSet<>();
		if (value != null) {
			for (String name : value.split(",")) {
				if (!name.isBlank()) {
					names.add(name.strip());
				}
			}
		}
		return names;
	}

	static String withOptions(String url, String options) {
		return url + (url.contains("?") ? "&" : "?") + options;
	}

	/**
	 * What a run produced.
	 *
	 * @param results the contenders' results
	 * @param study the driver study's results
	 * @param failures results that failed verification or did not finish
	 * @param report the markdown report written
	 */
	public record Summary(List<Result> results, List<Result> study, List<Result> failures, Path report) {
	}

}
