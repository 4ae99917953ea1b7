package io.databridge.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How big and how long a run is. {@link #full()} is DESIGN.md's workloads;
 * {@link #smoke()} runs every contender and every verification on tiny sizes, for CI.
 *
 * @param mode {@code full} or {@code smoke}
 * @param insertSizes rows per insert
 * @param selectSizes rows per id-range select
 * @param findByIdCount lookups per findById operation
 * @param readRows rows in the read table, all of them streamed
 * @param warmups warm-up iterations for sizes below 100,000 rows
 * @param largeWarmups warm-up iterations from 100,000 rows up (the JVM is warm from the
 * smaller sizes by then)
 * @param iterations measured iterations
 * @param minIterationMillis an iteration repeats the operation until it lasts at least
 * this long
 * @param fetchSize rows per round trip when streaming
 * @param heap the forks' maximum heap, e.g. {@code 3g}
 * @param forkTimeout how long one contender's JVM may run
 * @param driverStudy whether to run the pgjdbc setting variants of hand-written JDBC
 * @param jvmOptions extra options of the contenders' JVMs
 * @param parallelForks how many contender JVMs run at the same time (1 for honest
 * figures)
 * @param readRounds how many times the select and findById JVMs of all contenders run,
 * interleaved (round 1 of every contender, then round 2, ...), so that a change of the
 * machine's load hits every contender alike; the measured iterations of all rounds are
 * pooled
 * @param insertRounds likewise for the inserts, each round running
 * {@link #iterations(Workload)} measured iterations (the measured iterations divided
 * among the rounds, rounded up)
 */
public record BenchConfig(String mode, List<Integer> insertSizes, List<Integer> selectSizes, int findByIdCount,
		int readRows, int warmups, int largeWarmups, int iterations, int minIterationMillis, int fetchSize, String heap,
		Duration forkTimeout, boolean driverStudy, List<String> jvmOptions, int parallelForks, int readRounds,
		int insertRounds) {

	/**
	 * DESIGN.md's workloads: inserts of 1k to 1M rows, selects of 1k and 10k, 10k
	 * findById, streaming 1M rows. The forks pre-touch their heap
	 * ({@code -XX:+AlwaysPreTouch}): without it, a fork allocating into heap pages it had
	 * not touched yet paid the kernel's first-touch page faults in its own CPU time, and
	 * whole rounds of the 1,000-row select ran at about 2.5 times the time of the other
	 * rounds, in whichever Java contender it happened to (see
	 * {@code benchmarks/results/FINDINGS.md}).
	 * @return the full configuration
	 */
	public static BenchConfig full() {
		return new BenchConfig("full", List.of(1_000, 10_000, 100_000, 1_000_000), List.of(1_000, 10_000), 10_000,
				1_000_000, 10, 1, 5, 500, 1000, "3g", Duration.ofMinutes(15), true,
				List.of("-XX:+UseG1GC", "-XX:+AlwaysPreTouch"), 1, 5, 5);
	}

	/**
	 * Tiny sizes, every contender and every check, for CI (well under two minutes); no
	 * driver study. The figures mean nothing: contender JVMs run three at a time, with
	 * the C1 compiler only, to keep the wall time short.
	 * @return the smoke configuration
	 */
	public static BenchConfig smoke() {
		return new BenchConfig("smoke", List.of(100, 1_000), List.of(100, 1_000), 200, 2_000, 1, 1, 5, 10, 500, "256m",
				Duration.ofMinutes(2), false, List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), 3, 1, 1);
	}

	/**
	 * Parses a mode name.
	 * @param mode {@code full} or {@code smoke}
	 * @return the configuration
	 * @throws IllegalArgumentException for another name
	 */
	public static BenchConfig of(String mode) {
		return switch (mode) {
			case "full" -> full();
			case "smoke" -> smoke();
			default -> throw new IllegalArgumentException("bench.mode must be 'full' or 'smoke', got '" + mode + "'");
		};
	}

	/**
	 * This configuration with a partial run's overrides, for development:
	 * {@code BENCH_INSERT_SIZES} (comma-separated rows per insert) and
	 * {@code BENCH_ROUNDS} (interleaved rounds of every workload); and
	 * {@code BENCH_JVM_OPTIONS} (space-separated options added to every contender's JVM,
	 * e.g. a profiler's), read here. {@code run.sh} writes such a run to
	 * {@code benchmarks/target/partial-results}.
	 * @param insertSizes the value of {@code BENCH_INSERT_SIZES}, or {@code null}
	 * @param rounds the value of {@code BENCH_ROUNDS}, or {@code null}
	 * @return the configuration with the overrides applied
	 * @throws IllegalArgumentException naming the variable whose value is not a number
	 */
	public BenchConfig withOverrides(String insertSizes, String rounds) {
		List<Integer> sizes = this.insertSizes;
		int readRounds = this.readRounds;
		int insertRounds = this.insertRounds;
		try {
			if (insertSizes != null && !insertSizes.isBlank()) {
				sizes = java.util.Arrays.stream(insertSizes.split(","))
					.map(String::strip)
					.map(Integer::valueOf)
					.sorted()
					.toList();
			}
			if (rounds != null && !rounds.isBlank()) {
				readRounds = Integer.parseInt(rounds.strip());
				insertRounds = readRounds;
			}
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("BENCH_INSERT_SIZES and BENCH_ROUNDS take whole numbers, got '"
					+ insertSizes + "' and '" + rounds + "'", ex);
		}
		List<String> options = new java.util.ArrayList<>(this.jvmOptions);
		String extra = System.getenv("BENCH_JVM_OPTIONS");
		if (extra != null && !extra.isBlank()) {
			options.addAll(List.of(extra.strip().split("\\s+")));
		}
		return new BenchConfig(this.mode, sizes, this.selectSizes, this.findByIdCount, this.readRows, this.warmups,
				this.largeWarmups, this.iterations, this.minIterationMillis, this.fetchSize, this.heap,
				this.forkTimeout, this.driverStudy, List.copyOf(options), this.parallelForks, readRounds, insertRounds);
	}

	/**
	 * How many interleaved rounds a workload runs in.
	 * @param workload the workload
	 * @return {@link #insertRounds()} for inserts, {@link #readRounds()} for selects and
	 * findById, else 1
	 */
	public int rounds(Workload workload) {
		return switch (workload) {
			case INSERT -> this.insertRounds;
			case SELECT_RANGE, FIND_BY_ID -> this.readRounds;
			case STREAM -> 1;
		};
	}

	/**
	 * The measured iterations of one JVM of a workload: all of them for reads, for
	 * inserts their share of one round (an insert of 1,000,000 rows takes up to half a
	 * minute for the slowest contenders, so the rounds divide the iterations instead of
	 * multiplying them).
	 * @param workload the workload
	 * @return measured iterations per contender JVM
	 */
	public int iterations(Workload workload) {
		return workload == Workload.INSERT ? (this.iterations + this.insertRounds - 1) / this.insertRounds
				: this.iterations;
	}

	/**
	 * The sizes a workload runs at.
	 * @param workload the workload
	 * @return its sizes, ascending
	 */
	public List<Integer> sizes(Workload workload) {
		return switch (workload) {
			case INSERT -> this.insertSizes;
			case SELECT_RANGE -> this.selectSizes;
			case FIND_BY_ID -> List.of(this.findByIdCount);
			case STREAM -> List.of(this.readRows);
		};
	}
}
