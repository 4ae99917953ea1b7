package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The issue-14 targets as the median of per-round ratios: in each interleaved round both
 * contenders ran minutes apart under the same load, so the ratio of their medians in that
 * round is compared like with like; the figure reported is the median of those ratios.
 * Each round's load average is shown, and a round whose load average exceeded the cores
 * at the start of any of its JVMs is flagged busy (its ratios still count: the load hit
 * both sides of the ratio).
 */
final class RoundReport {

	/** The server's COPY, best of the 1- and 2-session variants in each round. */
	static final String SERVER_COPY_1_2 = "server-copy-1/2";

	private final List<RoundResult> results;

	private final int cores;

	RoundReport(List<RoundResult> results, int cores) {
		this.results = results;
		this.cores = cores;
	}

	/** A target: contender ÷ peer (or the inverse) at a size, against a limit. */
	record Target(Workload workload, int size, String contender, String peer, double limit, boolean within,
			String label) {
	}

	/** The targets of issue 14, for the sizes a run has. */
	static List<Target> targets(BenchConfig config) {
		List<Target> targets = new ArrayList<>();
		int small = config.selectSizes().get(0);
		for (String db : List.of(Report.DATA_BRIDGE, "data-bridge derived")) {
			targets.add(new Target(Workload.SELECT_RANGE, small, db, "jdbc", 1.1, true, "≤ 1.1× hand JDBC"));
			targets.add(new Target(Workload.SELECT_RANGE, small, db, "asyncpg", 1.1, false,
					"≥ 1.1× faster than asyncpg (goal 1.3×)"));
		}
		targets.add(new Target(Workload.FIND_BY_ID, config.findByIdCount(), Report.DATA_BRIDGE, "jdbc", 1.1, true,
				"≤ 1.1× hand JDBC (mean per lookup)"));
		targets.add(new Target(Workload.FIND_BY_ID, config.findByIdCount(), Report.DATA_BRIDGE, "asyncpg", 1.0, false,
				"faster than asyncpg"));
		int largest = config.insertSizes().get(config.insertSizes().size() - 1);
		targets.add(new Target(Workload.INSERT, largest, Report.DATA_BRIDGE, "asyncpg", 1.2, false,
				"≥ 1.2× faster than asyncpg copy_records_to_table"));
		targets.add(new Target(Workload.INSERT, largest, Report.DATA_BRIDGE, SERVER_COPY_1_2, 0.85, false,
				"≥ 0.85× the best server-side COPY (1 or 2 sessions)"));
		targets.add(new Target(Workload.INSERT, config.insertSizes().get(0), Report.DATA_BRIDGE, SERVER_COPY_1_2, 1.3,
				true, "≤ 1.3× the server's own COPY"));
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
		List<Double> ratios = new ArrayList<>();
		List<String> shown = new ArrayList<>();
		for (int round : rounds(t.workload())) {
			Optional<RoundResult> mine = find(t.workload(), t.size(), t.contender(), round);
			Optional<RoundResult> other = find(t.workload(), t.size(), t.peer(), round);
			if (mine.isEmpty() || other.isEmpty()) {
				continue;
			}
			double a = mine.get().result().medianNanos();
			double b = other.get().result().medianNanos();
			double ratio = t.within() ? a / b : b / a;
			double load = Math.max(mine.get().load1(), other.get().load1());
			ratios.add(ratio);
			shown.add(String.format(Locale.ROOT, "%.2f (%.1f%s)", ratio, load, load > this.cores ? "*" : ""));
		}
		String kind = t.within() ? t.contender() + " ÷ " + t.peer() : t.peer() + " ÷ " + t.contender();
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
		double median = median(ratios);
		boolean met = t.within() ? median <= t.limit() : median >= t.limit();
		md.append(String.format(Locale.ROOT, "%.2f×", median))
			.append(" | ")
			.append(met ? "yes" : "**no**")
			.append(" | ")
			.append(String.join(", ", shown))
			.append(" |\n");
	}

	/**
	 * Insert time by {@code parallelism}: for each size of 100,000 rows and up, the
	 * median over the rounds of each variant's median, in ms.
	 */
	String parallelism(BenchConfig config) {
		List<String> variants = List.of("data-bridge p=1", Report.DATA_BRIDGE, "data-bridge p=4", "data-bridge p=8");
		StringBuilder md = new StringBuilder("| rows | p=1 | p=" + this.cores + " (`data-bridge`) | p=4 | p=8 |\n")
			.append("|---:|---:|---:|---:|---:|\n");
		for (int size : config.insertSizes()) {
			if (size < 100_000) {
				continue;
			}
			md.append(String.format(Locale.ROOT, "| %,d |", size));
			for (String variant : variants) {
				List<Double> medians = new ArrayList<>();
				for (int round : rounds(Workload.INSERT)) {
					find(Workload.INSERT, size, variant, round)
						.ifPresent(r -> medians.add(r.result().medianNanos() / 1e6));
				}
				md.append(medians.isEmpty() ? " – |" : String.format(Locale.ROOT, " %,.0f |", median(medians)));
			}
			md.append('\n');
		}
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
		return new ArrayList<>(new TreeMap<>(this.results.stream()
			.filter(r -> r.result().workload() == workload)
			.collect(java.util.stream.Collectors.toMap(RoundResult::round, r -> true, (a, b) -> a))).keySet());
	}

	private Optional<RoundResult> find(Workload workload, int size, String contender, int round) {
		List<RoundResult> matching = this.results.stream()
			.filter(r -> r.round() == round && r.result().workload() == workload && r.result().size() == size
					&& r.result().ok() && matches(contender, r.result().contender()))
			.toList();
		return matching.stream().min(java.util.Comparator.comparingLong(r -> r.result().medianNanos()));
	}

	private static boolean matches(String wanted, String contender) {
		if (SERVER_COPY_1_2.equals(wanted)) {
			return contender.equals("server-copy-1") || contender.equals("server-copy-2");
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
