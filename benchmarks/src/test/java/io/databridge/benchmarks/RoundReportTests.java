package io.databridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Targets as the median of per-round ratios, busy rounds, and the README block. */
class RoundReportTests {

	private static RoundResult result(int round, double load, String contender, Workload workload, int size,
			long nanos) {
		return new RoundResult(round, load,
				Result.measured(contender, workload, size, 1, new long[] { nanos }, 0, 0, -1));
	}

	@Test
	void shouldTakeTheMedianOfPerRoundRatiosAndFlagBusyRounds() {
		List<RoundResult> results = new ArrayList<>();
		long[] dataBridge = { 100, 110, 90, 300, 100 };
		long[] jdbc = { 100, 100, 100, 100, 95 };
		for (int round = 0; round < 5; round++) {
			double load = round == 3 ? 9.0 : 0.5;
			results.add(result(round, load, "data-bridge", Workload.SELECT_RANGE, 1_000, dataBridge[round]));
			results.add(result(round, load, "jdbc", Workload.SELECT_RANGE, 1_000, jdbc[round]));
		}
		RoundReport report = new RoundReport(results, 2);
		String table = report.table(BenchConfig.full());
		assertThat(table).contains("| select-range | 1,000 | data-bridge ÷ jdbc | ≤ 1.1× hand JDBC | 5 | 1.05× | yes |")
			.contains("3.00 (9.0*)");
		assertThat(report.loads()).contains("| select-range | 4 | 9.00–9.00 | **busy** (above 2 cores) |")
			.contains("| select-range | 1 | 0.50–0.50 | no |");
	}

	@Test
	void shouldCompareInsertsWithTheFasterOfOneAndTwoServerSessionsInEachRound() {
		List<RoundResult> results = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			results.add(result(round, 1, "data-bridge", Workload.INSERT, 1_000_000, 1_000));
			results.add(result(round, 1, "server-copy-1", Workload.INSERT, 1_000_000, 1_000));
			results.add(result(round, 1, "server-copy-2", Workload.INSERT, 1_000_000, 900));
			results.add(result(round, 1, "server-copy-4", Workload.INSERT, 1_000_000, 100));
		}
		String table = new RoundReport(results, 2).table(BenchConfig.full());
		assertThat(table).contains("| insert | 1,000,000 | server-copy-1/2 ÷ data-bridge | ≥ 0.85× the best "
				+ "server-side COPY (1 or 2 sessions) | 5 | 0.90× | yes |");
	}

	@Test
	void shouldRewriteOnlyTheTextBetweenTheReadmeMarkers(@TempDir Path dir) throws Exception {
		Path readme = dir.resolve("README.md");
		Files.writeString(readme, "before\n" + ReadmeTable.BEGIN + "\nold figures\n" + ReadmeTable.END + "\nafter\n");
		ReadmeTable.update(readme, "new table");
		assertThat(Files.readString(readme))
			.isEqualTo("before\n" + ReadmeTable.BEGIN + "\nnew table\n" + ReadmeTable.END + "\nafter\n");
		Files.writeString(readme, "no markers");
		assertThatIllegalStateException().isThrownBy(() -> ReadmeTable.update(readme, "x"));
	}

}
