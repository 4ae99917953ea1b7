package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.databridge.benchmarks.BeforeAfterReport.Comparison;
import io.databridge.benchmarks.BeforeAfterReport.Plan;
import io.databridge.benchmarks.BeforeAfterReport.Ratios;
import io.databridge.benchmarks.BeforeAfterReport.Run;
import io.databridge.benchmarks.BeforeAfterReport.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-round ratios, their medians, AFTER ÷ BEFORE, the verdict and the reasons for
 * missing figures, from synthetic results.
 */
class BeforeAfterReportTests {

	private static final Plan SELECT = new Plan(Workload.SELECT_RANGE, 1_000, List.of("data-bridge", "jdbc"),
			List.of("data-bridge", "jdbc"), List.of(new Comparison("data-bridge", "data-bridge", "both sides")));

	private static Run run(int round, Side side, String contender, long millis) {
		return new Run(round, side, Workload.SELECT_RANGE, contender, 0.5, Result.measured(contender,
				Workload.SELECT_RANGE, 1_000, 1, new long[] { millis * 1_000_000 }, 0, 0, -1));
	}

	/** Rounds of BEFORE and AFTER data-bridge times (ms) against jdbc at 100 ms. */
	private static List<Run> rounds(long[] before, long[] after) {
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < before.length; i++) {
			runs.add(run(i + 1, Side.BEFORE, "data-bridge", before[i]));
			runs.add(run(i + 1, Side.BEFORE, "jdbc", 100));
			runs.add(run(i + 1, Side.AFTER, "data-bridge", after[i]));
			runs.add(run(i + 1, Side.AFTER, "jdbc", 100));
		}
		return runs;
	}

	@Test
	void shouldDivideTheMediansOfPerRoundRatios() {
		BeforeAfterReport report = new BeforeAfterReport(List.of(SELECT),
				rounds(new long[] { 100, 110, 90, 105, 95 }, new long[] { 102, 104, 98, 200, 101 }), 2);
		Ratios ratios = report.ratios(SELECT, SELECT.comparisons().get(0), 5);
		assertThat(ratios.beforeMedian()).isCloseTo(1.00, within(1e-9));
		assertThat(ratios.afterMedian()).isCloseTo(1.02, within(1e-9));
		assertThat(ratios.change()).isCloseTo(1.02, within(1e-9));
		// BEFORE spans 0.90..1.10 (±10%), AFTER 0.98..2.00 (±50%): the larger is the
		// noise
		assertThat(ratios.noise()).isCloseTo(0.5, within(1e-9));
		assertThat(ratios.verdict()).startsWith("within the noise (noise ±50.0%");
	}

	@Test
	void shouldReportARegressionBeyondTheNoise() {
		BeforeAfterReport report = new BeforeAfterReport(List.of(SELECT),
				rounds(new long[] { 100, 101, 99 }, new long[] { 130, 131, 129 }), 2);
		Ratios ratios = report.ratios(SELECT, SELECT.comparisons().get(0), 3);
		assertThat(ratios.change()).isCloseTo(1.3, within(1e-9));
		assertThat(ratios.verdict()).startsWith("**slower beyond the noise**");
		String body = report.body(3);
		assertThat(body).contains("| select-range 1,000 | BEFORE data-bridge → AFTER data-bridge | 1.000 | 1.300 | "
				+ "**1.300** | **slower beyond the noise** (noise ±1.0%) |");
		assertThat(body).contains("| 2 | AFTER first | 101.000 | 100.000 | 1.010 | 131.000 | 100.000 | 1.310 |");
	}

	@Test
	void shouldGiveNoVerdictForOneRound() {
		BeforeAfterReport report = new BeforeAfterReport(List.of(SELECT), rounds(new long[] { 100 }, new long[] { 90 }),
				2);
		Ratios ratios = report.ratios(SELECT, SELECT.comparisons().get(0), 1);
		assertThat(ratios.change()).isCloseTo(0.9, within(1e-9));
		assertThat(ratios.verdict()).startsWith("none: needs 3 rounds");
	}

	@Test
	void shouldSayWhyAFigureIsMissing() {
		List<Run> runs = new ArrayList<>(rounds(new long[] { 100 }, new long[] { 100 }));
		runs.removeIf(r -> r.side() == Side.BEFORE && r.contender().equals("data-bridge"));
		runs.add(new Run(1, Side.BEFORE, Workload.SELECT_RANGE, "data-bridge", 3.25, Result.failed("data-bridge",
				Workload.SELECT_RANGE, 1_000, "the JVM exited with code 1 before reporting; No contender named 'x'")));
		BeforeAfterReport report = new BeforeAfterReport(List.of(SELECT), runs, 2);
		Ratios ratios = report.ratios(SELECT, SELECT.comparisons().get(0), 1);
		assertThat(ratios.beforeMedian()).isNull();
		assertThat(ratios.change()).isNull();
		assertThat(ratios.verdict()).isEqualTo("no figure (see below)");
		assertThat(report.body(1)).contains("| 1 | BEFORE first | FAIL |")
			.contains(
					"**Busy machine:** the 1-minute load average was above the 2 cores at 1 of 4 JVM starts (highest 3.25)")
			.contains("- round 1, BEFORE data-bridge: FAIL: the JVM exited with code 1 before reporting; "
					+ "No contender named 'x'")
			.contains("B data-bridge 3.25");
	}

	@Test
	void shouldTakeTheMedianOfAnEvenCountAsTheMeanOfTheMiddleTwo() {
		assertThat(BeforeAfterReport.median(Arrays.asList(1.0, null, 4.0, 2.0, 3.0))).isEqualTo(2.5);
		assertThat(BeforeAfterReport.median(Arrays.asList(null, null))).isNull();
		assertThat(BeforeAfter.beforeFirst(1)).isTrue();
		assertThat(BeforeAfter.beforeFirst(2)).isFalse();
	}

}
