package io.databridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Targets as the median of per-round ratios, busy rounds, the mode tables and the README
 * regions, from synthetic results.
 */
class RoundReportTests {

	private static final int MILLION = 1_000_000;

	private static RoundResult result(int round, double load, String contender, Workload workload, int size,
			long nanos) {
		return new RoundResult(round, load,
				Result.measured(contender, workload, size, 1, new long[] { nanos }, 0, 0, -1));
	}

	private static RoundResult lookup(int round, String contender, long meanNanos, long lookupMedian) {
		return new RoundResult(round, 0.5, Result.measured(contender, Workload.FIND_BY_ID, 10_000, 1,
				new long[] { meanNanos }, 0, 0, -1, lookupMedian));
	}

	private static String row(String table, String start) {
		return table.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
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
		assertThat(table)
			.contains("| select-range | 1,000 | data-bridge ÷ jdbc | #14: ≤ 1.1× hand JDBC | 5 | 1.05× | yes |")
			.contains("3.00 (9.0*)");
		assertThat(report.loads()).contains("| select-range | 4 | 9.00–9.00 | **busy** (above 2 cores) |")
			.contains("| select-range | 1 | 0.50–0.50 | no |");
	}

	@Test
	void shouldCompareTheAtomicAndParallelModesWithTheirServerCopyAndAsyncpgBars() {
		List<RoundResult> results = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			results.add(result(round, 1, "data-bridge", Workload.INSERT, MILLION, 1_000));
			results.add(result(round, 1, "data-bridge crash-consistent", Workload.INSERT, MILLION, 800));
			results.add(result(round, 1, "server-copy-1", Workload.INSERT, MILLION, 960));
			results.add(result(round, 1, "server-copy-2", Workload.INSERT, MILLION, 900));
			results.add(result(round, 1, "server-copy-4", Workload.INSERT, MILLION, 700));
			results.add(result(round, 1, "asyncpg", Workload.INSERT, MILLION, 1_000));
		}
		String table = new RoundReport(results, 2).table(BenchConfig.full());
		assertThat(row(table, "| insert | 1,000,000 | server-copy-1 ÷ data-bridge |"))
			.contains("#21: atomic mode ≥ 0.95× the server's single-session COPY | 5 | 0.96× | yes |");
		assertThat(row(table, "| insert | 1,000,000 | asyncpg ÷ data-bridge |"))
			.contains("not slower than asyncpg copy_records_to_table | 5 | 1.00× | yes |");
		assertThat(row(table, "| insert | 1,000,000 | server-copy-2/4 ÷ data-bridge crash-consistent |"))
			.contains("| 5 | 0.88× | **no** |");
		assertThat(row(table, "| insert | 1,000,000 | asyncpg ÷ data-bridge crash-consistent |"))
			.contains("| 5 | 1.25× | yes |");
		assertThat(row(table, "| insert | 1,000,000 | server-copy-1/2 ÷ data-bridge crash-consistent |"))
			.contains("| 5 | 1.13× | yes |");
	}

	@Test
	void shouldCompareFindByIdInTheMeanAndInThePerLookupMedianAndReportItPerContender() {
		List<RoundResult> results = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			results.add(lookup(round, "data-bridge", 200_000_000, 20_000 + round * 1_000));
			results.add(lookup(round, "jdbc", 190_000_000, 16_000));
			results.add(lookup(round, "asyncpg", 250_000_000, -1));
		}
		RoundReport report = new RoundReport(results, 2);
		String table = report.table(BenchConfig.full());
		assertThat(table)
			.contains("| findById | 10,000 | data-bridge ÷ jdbc | #14: ≤ 1.1× hand JDBC (mean per lookup) "
					+ "| 3 | 1.05× | yes |")
			.contains("| findById | 10,000 | data-bridge ÷ jdbc (per-lookup medians) | #14: ≤ 1.1× hand JDBC "
					+ "(per-lookup median) | 3 | 1.31× | **no** | 1.25 (0.5), 1.31 (0.5), 1.38 (0.5) |");
		String lookups = report.lookups(BenchConfig.full());
		assertThat(lookups).contains("| data-bridge | 3 | 21.0 | 20.0 | 20.0, 21.0, 22.0 |")
			.contains("| jdbc | 3 | 16.0 | 19.0 |")
			.contains("| asyncpg | 3 | n/a (timed outside the JVM) | 25.0 |");
	}

	@Test
	void shouldReportTheObservationOverheadForSelectAndFindById() {
		List<RoundResult> results = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			results.add(result(round, 1, "data-bridge", Workload.SELECT_RANGE, 1_000, 100));
			results.add(result(round, 1, "data-bridge observed", Workload.SELECT_RANGE, 1_000, 103));
			results.add(result(round, 1, "data-bridge", Workload.FIND_BY_ID, 10_000, 100));
			results.add(result(round, 1, "data-bridge observed", Workload.FIND_BY_ID, 10_000, 110));
		}
		String table = new RoundReport(results, 2).table(BenchConfig.full());
		assertThat(table)
			.contains("| select-range | 1,000 | data-bridge observed ÷ data-bridge | #17: observation "
					+ "overhead ≤ 5% | 5 | 1.03× | yes |")
			.contains("| findById | 10,000 | data-bridge observed ÷ data-bridge | #17: observation overhead ≤ 5% "
					+ "(mean per lookup) | 5 | 1.10× | **no** |");
	}

	@Test
	void shouldTabulateInsertTimeAndThroughputByModeAndTheBulkModesAgainstTheirPeers() {
		List<RoundResult> results = new ArrayList<>();
		String[] names = { "data-bridge", "data-bridge staged", "data-bridge crash-consistent",
				"data-bridge crash-consistent p=4", "data-bridge per-partition", "server-copy-1", "server-copy-2",
				"server-copy-4", "asyncpg" };
		long[] millis = { 2_000, 1_600, 1_250, 1_500, 1_000, 2_000, 1_200, 1_000, 2_500 };
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < names.length; i++) {
				results.add(result(round, 1, names[i], Workload.INSERT, MILLION, millis[i] * 1_000_000L));
				results.add(result(round, 1, names[i], Workload.INSERT, 100_000, millis[i] * 100_000L));
			}
		}
		RoundReport report = new RoundReport(results, 2);
		String modes = report.modes(BenchConfig.full());
		assertThat(modes).startsWith("| rows | atomic (`data-bridge`) | staged | crash-consistent p=2 | "
				+ "crash-consistent p=4 | per-partition | server-copy-1 | server-copy-2 | server-copy-4 | asyncpg |")
			.contains(
					"| 1,000,000 | 2,000 ms (500,000 rows/s) | 1,600 ms (625,000 rows/s) | 1,250 ms (800,000 rows/s) |")
			.contains("| 100,000 | 200 ms (500,000 rows/s) |")
			.doesNotContain("p=1", "p=8", "| 10,000 |");
		String bulk = report.bulkModes(BenchConfig.full());
		assertThat(bulk)
			.contains("| mode | median ms at 1,000,000 rows | rows/s | ÷ server-copy-1 | ÷ best "
					+ "multi-session server COPY | vs asyncpg |")
			.contains("| atomic (`data-bridge`) | 2,000 | 500,000 | 1.00× | 0.50× | 1.25× |")
			.contains("| crash-consistent p=2 | 1,250 | 800,000 | 1.60× | 0.80× | 2.00× |")
			.contains("| per-partition | 1,000 | 1,000,000 | 2.00× | 1.00× | 2.50× |");
	}

	@Test
	void shouldShowAMissingPeerAsNotAvailable() {
		List<RoundResult> results = List.of(result(0, 1, "data-bridge", Workload.INSERT, MILLION, 1_000));
		RoundReport report = new RoundReport(results, 2);
		assertThat(row(report.table(BenchConfig.full()), "| insert | 1,000,000 | server-copy-1 ÷ data-bridge |"))
			.contains("| 0 | n/a | – | a result is missing or failed |");
		assertThat(report.bulkModes(BenchConfig.full())).contains("| staged | – | – | – | – | – |");
	}

	@Test
	void shouldRewriteOnlyTheTextBetweenBothPairsOfReadmeMarkers(@TempDir Path dir) throws Exception {
		Path readme = dir.resolve("README.md");
		Files.writeString(readme, "before\n" + ReadmeTable.BEGIN + "\nold figures\n" + ReadmeTable.END + "\nmiddle\n"
				+ ReadmeTable.BULK_BEGIN + "\nno full run yet\n" + ReadmeTable.BULK_END + "\nafter\n");
		ReadmeTable.update(readme, "new table", "bulk table");
		assertThat(Files.readString(readme))
			.isEqualTo("before\n" + ReadmeTable.BEGIN + "\nnew table\n" + ReadmeTable.END + "\nmiddle\n"
					+ ReadmeTable.BULK_BEGIN + "\nbulk table\n" + ReadmeTable.BULK_END + "\nafter\n");
	}

	@Test
	void shouldFailNamingTheMissingMarkerAndWriteNothing(@TempDir Path dir) throws Exception {
		Path readme = dir.resolve("README.md");
		String onlyOne = ReadmeTable.BEGIN + "\nold\n" + ReadmeTable.END + "\n";
		Files.writeString(readme, onlyOne);
		assertThatIllegalStateException().isThrownBy(() -> ReadmeTable.update(readme, "x", "y"))
			.withMessageContaining("bulk-modes-table:begin");
		assertThat(Files.readString(readme)).isEqualTo(onlyOne);
		Files.writeString(readme, ReadmeTable.BULK_BEGIN + "\n" + ReadmeTable.BULK_END);
		assertThatIllegalStateException().isThrownBy(() -> ReadmeTable.update(readme, "x", "y"))
			.withMessageContaining("benchmark-table:begin");
	}

	@Test
	void shouldCarryThePerLookupMedianThroughTheForkHandOverAndThePooling() {
		Result measured = Result.measured("jdbc", Workload.FIND_BY_ID, 10, 1, new long[] { 5, 6 }, 1, 2, 3, 1_234);
		Result parsed = Result.parse(measured.toLine());
		assertThat(parsed).isNotNull();
		assertThat(parsed.lookupMedianNanos()).isEqualTo(1_234);
		Result other = Result.measured("jdbc", Workload.FIND_BY_ID, 10, 1, new long[] { 7 }, 1, 2, 3, 1_000);
		Result third = Result.measured("jdbc", Workload.FIND_BY_ID, 10, 1, new long[] { 7 }, 1, 2, 3, 1_500);
		assertThat(Result.pool(List.of(measured, other, third)).get(0).lookupMedianNanos()).isEqualTo(1_234);
		String legacy = String.join("\t", "RESULT", "jdbc", "findById", "10", "OK", "1", "5", "1", "2", "3", "-");
		assertThat(Result.parse(legacy)).extracting(Result::lookupMedianNanos).isEqualTo(-1L);
	}

}
