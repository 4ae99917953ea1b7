package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The targets of issues 14, 17 and 21 as the median of per-round ratios: in each
 * interleaved round both contenders ran minutes apart under the same load, so the ratio
 * of their medians in that round is compared like with like; the figure reported is the
 * median of those ratios. Each round's load average is shown, and a round whose load
 * average exceeded the cores at the start of any of its JVMs is flagged busy (its ratios
 * still count: the load hit both sides of the ratio).
 */
final class RoundReport {

	/** The server's COPY, best of the 1- and 2-session variants in each round. */
	static final String SERVER_COPY_1_2 = "server-copy-1/2";

	/** The best multi-session server COPY: best of the 2- and 4-session variants. */
	static final String SERVER_COPY_MULTI = "server-copy-2/4";

	/** The parallel bulk mode (two-phase commit, parallelism = the cores). */
	static final String PARALLEL = "data-bridge crash-consistent";

	/** data-bridge with an ObservationRegistry and a meter handler. */
	static final String OBSERVED = "data-bridge observed";

	/** The bulk modes, by contender, with the column title of each. */
	private static final List<String[]> MODES = List.of(new String[] { Report.DATA_BRIDGE, "atomic (`data-bridge`)" },
			new String[] { "data-bridge staged", "staged" }, new String[] { PARALLEL, "crash-consistent p=%d" },
			new String[] { "data-bridge crash-consistent p=4", "crash-consistent p=4" },
			new String[] { "data-bridge per-partition", "per-partition" });

	private static final List<String> PEERS = List.of("server-copy-1", "server-copy-2", "server-copy-4", "asyncpg");

	private final List<RoundResult> results;

	private final int cores;

	RoundReport(List<RoundResult> results, int cores) {
		this.results = results;
		this.cores = cores;
	}

	/** What a ratio compares: the median of the iterations, or the per-lookup median. */
	enum Metric {

		/** The median over the measured iterations of the mean time per operation. */
		MEDIAN(r -> r.medianNanos()),

		/** findById: the median duration of a single lookup. */
		LOOKUP_MEDIAN(Result::lookupMedianNanos);

		private final ToLongFunction<Result> value;

		Metric(ToLongFunction<Result> value) {
			this.value = value;
		}

		long of(Result result) {
			return this.value.applyAsLong(result);
		}

	}

	/** A target: contender ÷ peer (or the inverse) at a size, against a limit. */
	record Target(Workload workload, int size, String contender, String peer, double limit, boolean within,
			String label, Metric metric) {

		Target(Workload workload, int size, String contender, String peer, double limit, boolean within, String label) {
			this(workload, size, contender, peer, limit, within, label, Metric.MEDIAN);
		}

	}

	/** A ratio in one round, and the higher load average of its two JVMs. */
	private record Ratio(double value, double load) {
	}

	/** The targets of issues 14, 17 and 21, for the sizes a run has. */
	static List<Target> targets(BenchConfig config) {
		List<Target> targets = new ArrayList<>();
		int small = config.selectSizes().get(0);
		for (String db : List.of(Report.DATA_BRIDGE, "data-bridge derived")) {
			targets.add(new Target(Workload.SELECT_RANGE, small, db, "jdbc", 1.1, true, "#14: ≤ 1.1× hand JDBC"));
			targets.add(new Target(Workload.SELECT_RANGE, small, db, "asyncpg", 1.1, false,
					"#14: ≥ 1.1× faster than asyncpg (goal 1.3×)"));
		}
		int lookups = config.findByIdCount();
		targets.add(new Target(Workload.FIND_BY_ID, lookups, Report.DATA_BRIDGE, "jdbc", 1.1, true,
				"#14: ≤ 1.1× hand JDBC (mean per lookup)"));
		targets.add(new Target(Workload.FIND_BY_ID, lookups, Report.DATA_BRIDGE, "jdbc", 1.1, true,
				"#14: ≤ 1.1× hand JDBC (per-lookup median)", Metric.LOOKUP_MEDIAN));
		targets.add(new Target(Workload.FIND_BY_ID, lookups, Report.DATA_BRIDGE, "asyncpg", 1.0, false,
				"faster than asyncpg"));
		targets.add(new Target(Workload.SELECT_RANGE, small, OBSERVED, Report.DATA_BRIDGE, 1.05, true,
				"#17: observation overhead ≤ 5%"));
		targets.add(new Target(Workload.FIND_BY_ID, lookups, OBSERVED, Report.DATA_BRIDGE, 1.05, true,
				"#17: observation overhead ≤ 5% (mean per lookup)"));
		int largest = config.insertSizes().get(config.insertSizes().size() - 1);
		targets.add(new Target(Workload.INSERT, largest, Report.DATA_BRIDGE, "server-copy-1", 0.95, false,
				"#21: atomic mode ≥ 0.95× the server's single-session COPY"));
		targets.add(new Target(Workload.INSERT, largest, Report.DATA_BRIDGE, "asyncpg", 1.0, false,
				"#14/#21: atomic mode not slower than asyncpg copy_records_to_table"));
		targets.add(new Target(Workload.INSERT, largest, PARALLEL, SERVER_COPY_MULTI, 0.9, false,
				"#21: parallel mode ≥ 0.9× the best multi-session server COPY (2 or 4 sessions)"));
		targets.add(new Target(Workload.INSERT, largest, PARALLEL, "asyncpg", 1.2, false,
				"#14: parallel mode ≥ 1.2× faster than asyncpg copy_records_to_table"));
		targets.add(new Target(Workload.INSERT, largest, PARALLEL, SERVER_COPY_1_2, 0.85, false,
				"#14: parallel mode ≥ 0.85× the best server COPY (1 or 2 sessions)"));
		targets.add(new Target(Workload.INSERT, config.insertSizes().get(0), Report.DATA_BRIDGE, SERVER_COPY_1_2, 1.3,
				true, "#14: ≤ 1.3× the server's own COPY"));
		// the same bar against one COPY statement of the rows, as data-bridge's atomic
		// load is one: the best of 1 or 2 above lets the server split them over two cores
		targets.add(new Target(Workload.INSERT, config.insertSizes().get(0), Report.DATA_BRIDGE, "server-copy-1", 1.3,
				true, "#14 read as one COPY statement: ≤ 1.3× the server's single-session COPY"));
		return targets;
	}

	/** The per-round ratio table, with a header line. */
	String table(BenchConfig config) {
		StringBuilder md = new StringBuilder();
		md.append("| workload | size | ratio | target | rounds | median of per-round ratios | met? | ")
			.append("per-round ratios (load average at start; * busy) |\n")
			.append("|---|---:|---|---|---:|---:|---|---|\n");
		for (Target target : targets(config)) {
			row(md, target);
		}
		return md.toString();
	}

	private void row(StringBuilder md, Target t) {
		List<Ratio> ratios = ratios(t.workload(), t.size(), t.contender(), t.peer(), t.within(), t.metric());
		String kind = t.within() ? t.contender() + " ÷ " + t.peer() : t.peer() + " ÷ " + t.contender();
		if (t.metric() == Metric.LOOKUP_MEDIAN) {
			kind += " (per-lookup medians)";
		}
		md.append("| ")
			.append(t.workload().key())
			.append(" | ")
			.append(String.format(Locale.ROOT, "%,d", t.size()))
			.append(" | ")
			.append(kind)
			.append(" | ")
			.append(t.label())
			.append(" | ")
			.append(ratios.size())
			.append(" | ");
		if (ratios.isEmpty()) {
			md.append("n/a | – | a result is missing or failed |\n");
			return;
		}
		double median = median(ratios.stream().map(Ratio::value).toList());
		boolean met = t.within() ? median <= t.limit() : median >= t.limit();
		List<String> shown = ratios.stream()
			.map(r -> String.format(Locale.ROOT, "%.2f (%.1f%s)", r.value(), r.load(),
					r.load() > this.cores ? "*" : ""))
			.toList();
		md.append(String.format(Locale.ROOT, "%.2f×", median))
			.append(" | ")
			.append(met ? "yes" : "**no**")
			.append(" | ")
			.append(String.join(", ", shown))
			.append(" |\n");
	}

	/**
	 * In every round where both ran and passed: contender ÷ peer ({@code within}) or peer
	 * ÷ contender.
	 */
	private List<Ratio> ratios(Workload workload, int size, String contender, String peer, boolean within,
			Metric metric) {
		List<Ratio> ratios = new ArrayList<>();
		for (int round : rounds(workload)) {
			Optional<RoundResult> mine = find(workload, size, contender, round);
			Optional<RoundResult> other = find(workload, size, peer, round);
			if (mine.isEmpty() || other.isEmpty()) {
				continue;
			}
			double a = metric.of(mine.get().result());
			double b = metric.of(other.get().result());
			if (a <= 0 || b <= 0) {
				continue;
			}
			ratios.add(new Ratio(within ? a / b : b / a, Math.max(mine.get().load1(), other.get().load1())));
		}
		return ratios;
	}

	private Optional<Double> medianRatio(Workload workload, int size, String contender, String peer) {
		List<Ratio> ratios = ratios(workload, size, contender, peer, false, Metric.MEDIAN);
		return ratios.isEmpty() ? Optional.empty() : Optional.of(median(ratios.stream().map(Ratio::value).toList()));
	}

	/** The median over the rounds of a contender's median, in ms. */
	private Optional<Double> medianMillis(Workload workload, int size, String contender) {
		List<Double> medians = new ArrayList<>();
		for (int round : rounds(workload)) {
			find(workload, size, contender, round).ifPresent(r -> medians.add(r.result().medianNanos() / 1e6));
		}
		return medians.isEmpty() ? Optional.empty() : Optional.of(median(medians));
	}

	/**
	 * Insert time by mode: for each size of 100,000 rows and up, the median over the
	 * rounds of each mode's and each peer's median, in ms and rows/s.
	 */
	String modes(BenchConfig config) {
		StringBuilder md = new StringBuilder("| rows |");
		StringBuilder rule = new StringBuilder("|---:|");
		List<String> columns = new ArrayList<>();
		for (String[] mode : MODES) {
			md.append(' ').append(String.format(Locale.ROOT, mode[1], this.cores)).append(" |");
			columns.add(mode[0]);
		}
		for (String peer : PEERS) {
			md.append(' ').append(peer).append(" |");
			columns.add(peer);
		}
		columns.forEach(c -> rule.append("---:|"));
		md.append('\n').append(rule).append('\n');
		for (int size : config.insertSizes()) {
			if (size < 100_000) {
				continue;
			}
			md.append(String.format(Locale.ROOT, "| %,d |", size));
			for (String column : columns) {
				md.append(medianMillis(Workload.INSERT, size, column)
					.map(ms -> String.format(Locale.ROOT, " %,.0f ms (%,.0f rows/s) |", ms, size / (ms / 1e3)))
					.orElse(" – |"));
			}
			md.append('\n');
		}
		return md.toString();
	}

	/**
	 * The bulk modes at the largest insert size: median ms and rows/s, and the medians of
	 * per-round throughput ratios (peer's time ÷ the mode's time: above 1, the mode is
	 * faster) against the single-session server COPY, the best multi-session one, and
	 * asyncpg.
	 */
	String bulkModes(BenchConfig config) {
		int size = config.insertSizes().get(config.insertSizes().size() - 1);
		StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
				"| mode | median ms at %,d rows | rows/s | ÷ server-copy-1 | ÷ best multi-session server COPY "
						+ "| vs asyncpg |\n|---|---:|---:|---:|---:|---:|\n",
				size));
		for (String[] mode : MODES) {
			Optional<Double> ms = medianMillis(Workload.INSERT, size, mode[0]);
			md.append("| ")
				.append(String.format(Locale.ROOT, mode[1], this.cores))
				.append(" | ")
				.append(ms.map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse("–"))
				.append(" | ")
				.append(ms.map(v -> String.format(Locale.ROOT, "%,.0f", size / (v / 1e3))).orElse("–"));
			for (String peer : List.of("server-copy-1", SERVER_COPY_MULTI, "asyncpg")) {
				md.append(" | ")
					.append(medianRatio(Workload.INSERT, size, mode[0], peer)
						.map(v -> String.format(Locale.ROOT, "%.2f×", v))
						.orElse("–"));
			}
			md.append(" |\n");
		}
		return md.toString();
	}

	/**
	 * findById per lookup: for each contender timed in the JVM, the median over the
	 * rounds of its per-lookup median and of its mean per lookup, in µs.
	 */
	String lookups(BenchConfig config) {
		int size = config.findByIdCount();
		StringBuilder md = new StringBuilder(
				"| contender | rounds | per-lookup median µs | mean per lookup µs | per-lookup median per round µs |\n")
			.append("|---|---:|---:|---:|---|\n");
		TreeSet<String> contenders = new TreeSet<>();
		this.results.stream()
			.filter(r -> r.result().workload() == Workload.FIND_BY_ID && r.result().ok())
			.forEach(r -> contenders.add(r.result().contender()));
		for (String contender : contenders) {
			List<Double> medians = new ArrayList<>();
			List<Double> means = new ArrayList<>();
			for (int round : rounds(Workload.FIND_BY_ID)) {
				find(Workload.FIND_BY_ID, size, contender, round).ifPresent(r -> {
					means.add(r.result().medianNanos() / 1e3 / size);
					if (r.result().lookupMedianNanos() > 0) {
						medians.add(r.result().lookupMedianNanos() / 1e3);
					}
				});
			}
			md.append("| ")
				.append(contender)
				.append(" | ")
				.append(means.size())
				.append(" | ")
				.append(medians.isEmpty() ? "n/a (timed outside the JVM)"
						: String.format(Locale.ROOT, "%.1f", median(medians)))
				.append(" | ")
				.append(means.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", median(means)))
				.append(" | ")
				.append(String.join(", ", medians.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()))
				.append(" |\n");
		}
		return md.toString();
	}

	/**
	 * The sections of {@code results.md} built from the rounds: targets, insert time by
	 * mode, the bulk modes, findById per lookup and the load averages.
	 */
	String markdown(BenchConfig config) {
		StringBuilder md = new StringBuilder();
		md.append("## Targets as the median of per-round ratios (issues 14, 17 and 21)\n\n");
		md.append("Each ratio is taken within one interleaved round (both JVMs ran minutes apart, under the same ")
			.append("load), then the median over the rounds is reported. findById is the mean time per lookup over ")
			.append("each measured iteration. server-copy-1/2 is the faster of the 1- and 2-session server COPY in ")
			.append("that round; server-copy-2/4 the faster of the 2- and 4-session one (the best multi-session COPY). The ")
			.append("per-lookup median pools every single lookup of a JVM's measured iterations.\n\n");
		md.append(table(config)).append('\n');
		md.append("### Insert time by mode (median over rounds of each round's median)\n\n")
			.append(modes(config))
			.append('\n');
		md.append("### Bulk modes at the largest size (medians of per-round ratios: peer's time ÷ mode's time)\n\n")
			.append(bulkModes(config))
			.append('\n');
		md.append("### findById per lookup\n\n")
			.append("Every lookup of the measured iterations is timed on its own (`System.nanoTime`) in the ")
			.append("contenders that run in the JVM; asyncpg times its whole operation in its own process, so it has ")
			.append("a mean but no per-lookup median.\n\n")
			.append(lookups(config))
			.append('\n');
		md.append("### Load average per round\n\n").append(loads()).append('\n');
		return md.toString();
	}

	/** The load average of every round, per workload, and how many were busy. */
	String loads() {
		StringBuilder md = new StringBuilder();
		md.append("| workload | round | load average at the start of each JVM (min–max) | busy? |\n")
			.append("|---|---:|---:|---|\n");
		for (Workload workload : Workload.values()) {
			for (int round : rounds(workload)) {
				double[] loads = this.results.stream()
					.filter(r -> r.result().workload() == workload && r.round() == round && r.load1() >= 0)
					.mapToDouble(RoundResult::load1)
					.sorted()
					.toArray();
				if (loads.length == 0) {
					continue;
				}
				double max = loads[loads.length - 1];
				md.append(String.format(Locale.ROOT, "| %s | %d | %.2f–%.2f | %s |%n", workload.key(), round + 1,
						loads[0], max, max > this.cores ? "**busy** (above " + this.cores + " cores)" : "no"));
			}
		}
		return md.toString();
	}

	private List<Integer> rounds(Workload workload) {
		return new ArrayList<>(this.results.stream()
			.filter(r -> r.result().workload() == workload)
			.map(RoundResult::round)
			.collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
	}

	private Optional<RoundResult> find(Workload workload, int size, String contender, int round) {
		return this.results.stream()
			.filter(r -> r.round() == round && r.result().workload() == workload && r.result().size() == size
					&& r.result().ok() && matches(contender, r.result().contender()))
			.min(Comparator.comparingLong(r -> r.result().medianNanos()));
	}

	private static boolean matches(String wanted, String contender) {
		if (SERVER_COPY_1_2.equals(wanted)) {
			return contender.equals("server-copy-1") || contender.equals("server-copy-2");
		}
		if (SERVER_COPY_MULTI.equals(wanted)) {
			return contender.equals("server-copy-2") || contender.equals("server-copy-4");
		}
		return wanted.equals(contender);
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
