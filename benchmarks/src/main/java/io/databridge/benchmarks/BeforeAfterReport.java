package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The report of {@code benchmarks/before-after.sh}: for every workload and round the
 * ratio data-bridge ÷ hand-written JDBC of the BEFORE harness and of the AFTER harness,
 * the medians of those ratios, AFTER-median ÷ BEFORE-median, and the 1-minute load
 * average when each JVM started. Pure: it only formats the runs it is given.
 */
final class BeforeAfterReport {

	/** The hand-written JDBC contender every ratio divides by. */
	static final String JDBC = "jdbc";

	/** From this many rounds on, a verdict is given. */
	static final int VERDICT_ROUNDS = 3;

	private final List<Plan> plans;

	private final List<Run> runs;

	private final int cores;

	BeforeAfterReport(List<Plan> plans, List<Run> runs, int cores) {
		this.plans = List.copyOf(plans);
		this.runs = List.copyOf(runs);
		this.cores = cores;
	}

	/** Which harness a JVM came from. */
	enum Side {

		/** The harness and library of the BEFORE commit. */
		BEFORE,

		/** The harness and library of the current tree. */
		AFTER;

		String label() {
			return name();
		}

	}

	/**
	 * One workload at one size and what is compared on it.
	 *
	 * @param workload the workload
	 * @param size its size
	 * @param before the BEFORE harness's contenders, {@link #JDBC} last
	 * @param after the AFTER harness's contenders, {@link #JDBC} last
	 * @param comparisons the data-bridge contenders compared, BEFORE against AFTER
	 */
	record Plan(Workload workload, int size, List<String> before, List<String> after, List<Comparison> comparisons) {

		List<String> contenders(Side side) {
			return side == Side.BEFORE ? this.before : this.after;
		}

		String title() {
			return this.workload.key() + " " + String.format(Locale.ROOT, "%,d", this.size);
		}

	}

	/**
	 * A data-bridge contender of BEFORE against one of AFTER, each as a ratio to its own
	 * harness's {@link #JDBC} in the same round.
	 *
	 * @param before the BEFORE contender
	 * @param after the AFTER contender
	 * @param note what the comparison means
	 */
	record Comparison(String before, String after, String note) {

		String label() {
			return "BEFORE " + this.before + " → AFTER " + this.after;
		}

	}

	/**
	 * One contender JVM.
	 *
	 * @param round the round, from 1
	 * @param side which harness
	 * @param workload the workload
	 * @param contender the contender's name
	 * @param load1 the 1-minute load average when the JVM started, -1 when unknown
	 * @param result what it reported (a {@code FAIL} result when it reported nothing)
	 */
	record Run(int round, Side side, Workload workload, String contender, double load1, Result result) {
	}

	/**
	 * The ratios of one comparison.
	 *
	 * @param before BEFORE's per-round ratios, {@code null} where the round has none
	 * @param after AFTER's per-round ratios, likewise
	 */
	record Ratios(List<@Nullable Double> before, List<@Nullable Double> after) {

		@Nullable Double beforeMedian() {
			return median(this.before);
		}

		@Nullable Double afterMedian() {
			return median(this.after);
		}

		/** AFTER-median ÷ BEFORE-median, or {@code null}. */
		@Nullable Double change() {
			Double b = beforeMedian();
			Double a = afterMedian();
			return (a == null || b == null) ? null : a / b;
		}

		/**
		 * The machine's noise as this run saw it: the larger of the two sides' half range
		 * of per-round ratios, relative to their median; {@code null} below
		 * {@value BeforeAfterReport#VERDICT_ROUNDS} rounds with a ratio on each side.
		 */
		@Nullable Double noise() {
			Double b = halfRange(this.before);
			Double a = halfRange(this.after);
			return (a == null || b == null) ? null : Math.max(a, b);
		}

		String verdict() {
			Double change = change();
			Double noise = noise();
			if (change == null) {
				return "no figure (see below)";
			}
			if (noise == null) {
				return "none: needs " + VERDICT_ROUNDS + " rounds or more with a ratio on each side";
			}
			String band = "noise ±" + percent(noise);
			if (change > 1 + noise) {
				return "**slower beyond the noise** (" + band + ")";
			}
			if (change < 1 - noise) {
				return "faster beyond the noise (" + band + ")";
			}
			return "within the noise (" + band + ")";
		}

		private static @Nullable Double halfRange(List<@Nullable Double> values) {
			double[] present = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
			Double median = median(values);
			if (present.length < VERDICT_ROUNDS || median == null) {
				return null;
			}
			double min = Arrays.stream(present).min().orElseThrow();
			double max = Arrays.stream(present).max().orElseThrow();
			return (max - min) / 2 / median;
		}

	}

	/**
	 * The ratios of a comparison, round by round.
	 * @param plan the workload
	 * @param comparison the comparison
	 * @param rounds how many rounds ran
	 * @return the ratios
	 */
	Ratios ratios(Plan plan, Comparison comparison, int rounds) {
		List<@Nullable Double> before = new ArrayList<>();
		List<@Nullable Double> after = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			before.add(ratio(plan, Side.BEFORE, comparison.before(), round));
			after.add(ratio(plan, Side.AFTER, comparison.after(), round));
		}
		return new Ratios(before, after);
	}

	private @Nullable Double ratio(Plan plan, Side side, String contender, int round) {
		Run dataBridge = find(plan, side, contender, round);
		Run jdbc = find(plan, side, JDBC, round);
		if (dataBridge == null || jdbc == null || !dataBridge.result().ok() || !jdbc.result().ok()) {
			return null;
		}
		return (double) dataBridge.result().medianNanos() / jdbc.result().medianNanos();
	}

	private @Nullable Run find(Plan plan, Side side, String contender, int round) {
		for (Run run : this.runs) {
			if (run.round() == round && run.side() == side && run.workload() == plan.workload()
					&& run.contender().equals(contender) && run.result().size() == plan.size()) {
				return run;
			}
		}
		return null;
	}

	/**
	 * The summary table and one section per workload.
	 * @param rounds how many rounds ran
	 * @return markdown
	 */
	String body(int rounds) {
		StringBuilder out = new StringBuilder();
		out.append("## Summary\n\n");
		out.append("Ratio = the contender's median time per operation ÷ hand-written JDBC's (`jdbc`) of the same ")
			.append("harness in the same round; below 1 data-bridge is faster. The change is AFTER's median ratio ÷ ")
			.append("BEFORE's: above 1 AFTER lost ground to hand-written JDBC.\n\n");
		out.append("| workload | comparison | BEFORE median ratio | AFTER median ratio | AFTER ÷ BEFORE | verdict |\n");
		out.append("|---|---|---|---|---|---|\n");
		for (Plan plan : this.plans) {
			for (Comparison comparison : plan.comparisons()) {
				Ratios ratios = ratios(plan, comparison, rounds);
				out.append("| ")
					.append(plan.title())
					.append(" | ")
					.append(comparison.label())
					.append(" | ")
					.append(times(ratios.beforeMedian()))
					.append(" | ")
					.append(times(ratios.afterMedian()))
					.append(" | ")
					.append(ratios.change() == null ? "–" : String.format(Locale.ROOT, "**%.3f**", ratios.change()))
					.append(" | ")
					.append(ratios.verdict())
					.append(" |\n");
			}
		}
		out.append("\nVerdict rule (from ")
			.append(VERDICT_ROUNDS)
			.append(" rounds on): the noise is the larger of the two sides' half range of per-round ratios ")
			.append("((max − min) ÷ 2 ÷ median); a change beyond 1 ± noise is reported as slower or faster.\n");
		out.append(busy());
		for (Plan plan : this.plans) {
			out.append('\n').append(section(plan, rounds));
		}
		return out.toString();
	}

	private String busy() {
		List<Run> busy = this.runs.stream().filter(run -> run.load1() > this.cores).toList();
		if (busy.isEmpty()) {
			return "";
		}
		double highest = busy.stream().mapToDouble(Run::load1).max().orElseThrow();
		return String.format(Locale.ROOT,
				"%n**Busy machine:** the 1-minute load average was above the %d cores at %d of %d JVM starts "
						+ "(highest %.2f): those figures carry other processes' work, so the ratios say little.%n",
				this.cores, busy.size(), this.runs.size(), highest);
	}

	private String section(Plan plan, int rounds) {
		StringBuilder out = new StringBuilder("## ").append(plan.title()).append("\n\n");
		for (Comparison comparison : plan.comparisons()) {
			out.append("- ").append(comparison.label()).append(": ").append(comparison.note()).append('\n');
		}
		out.append('\n');
		List<String> header = new ArrayList<>(List.of("round", "order"));
		for (Side side : Side.values()) {
			for (String contender : plan.contenders(side)) {
				header.add(side.label() + " " + contender + " (ms)");
			}
			for (String contender : plan.contenders(side)) {
				if (!contender.equals(JDBC)) {
					header.add(side.label() + " " + contender + " ÷ jdbc");
				}
			}
		}
		header.add("load (1 min) at each JVM's start, in run order");
		out.append("| ").append(String.join(" | ", header)).append(" |\n");
		out.append("|").append("---|".repeat(header.size())).append('\n');
		Map<String, String> failures = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			List<String> cells = new ArrayList<>();
			cells.add(Integer.toString(round));
			cells.add(BeforeAfter.beforeFirst(round) ? "BEFORE first" : "AFTER first");
			for (Side side : Side.values()) {
				for (String contender : plan.contenders(side)) {
					Run run = find(plan, side, contender, round);
					cells.add(cell(run, side, contender, failures));
				}
				for (String contender : plan.contenders(side)) {
					if (!contender.equals(JDBC)) {
						cells.add(times(ratio(plan, side, contender, round)));
					}
				}
			}
			cells.add(loads(plan, round));
			out.append("| ").append(String.join(" | ", cells)).append(" |\n");
		}
		for (Comparison comparison : plan.comparisons()) {
			Ratios ratios = ratios(plan, comparison, rounds);
			out.append("\n")
				.append(comparison.label())
				.append(": median ratio BEFORE ")
				.append(times(ratios.beforeMedian()))
				.append(" (per round ")
				.append(list(ratios.before()))
				.append("), AFTER ")
				.append(times(ratios.afterMedian()))
				.append(" (per round ")
				.append(list(ratios.after()))
				.append("); AFTER ÷ BEFORE ")
				.append(ratios.change() == null ? "–" : String.format(Locale.ROOT, "%.3f", ratios.change()))
				.append(".\n");
		}
		if (!failures.isEmpty()) {
			out.append("\nNo figure:\n\n");
			failures.forEach((where, why) -> out.append("- ").append(where).append(": ").append(why).append('\n'));
		}
		return out.toString();
	}

	private String cell(@Nullable Run run, Side side, String contender, Map<String, String> failures) {
		String where = "round " + (run == null ? "?" : run.round()) + ", " + side.label() + " " + contender;
		if (run == null) {
			return "not run";
		}
		Result result = run.result();
		if (!result.ok()) {
			failures.put(where, result.status() + ": " + oneLine(result.message()));
			return result.status();
		}
		String figure = String.format(Locale.ROOT, "%.3f", result.medianNanos() / 1e6);
		if (!result.message().isEmpty()) {
			failures.put(where, "measured, with a note: " + oneLine(result.message()));
		}
		return figure;
	}

	private String loads(Plan plan, int round) {
		List<String> loads = new ArrayList<>();
		for (Run run : this.runs) {
			if (run.round() == round && run.workload() == plan.workload() && run.result().size() == plan.size()) {
				loads.add(run.side().label().charAt(0) + " " + run.contender() + " "
						+ (run.load1() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", run.load1())));
			}
		}
		return String.join(", ", loads);
	}

	private static String list(List<@Nullable Double> values) {
		List<String> out = new ArrayList<>();
		for (Double value : values) {
			out.add(times(value));
		}
		return String.join(", ", out);
	}

	static String times(@Nullable Double ratio) {
		return ratio == null ? "–" : String.format(Locale.ROOT, "%.3f", ratio);
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
	}

	static String oneLine(String text) {
		return text.replaceAll("[\\r\\n|]+", " ").strip();
	}

	/**
	 * The median of the values present.
	 * @param values values, {@code null} where missing
	 * @return the median, or {@code null} when none is present
	 */
	static @Nullable Double median(List<@Nullable Double> values) {
		double[] sorted = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		if (n == 0) {
			return null;
		}
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
