package io.databridge.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's handling of results: line round trip, best-of merging, and failures never
 * turning into figures.
 */
class ReportTests {

	@Test
	void resultLineRoundTrips() {
		Result result = Result.measured("jdbc", Workload.SELECT_RANGE, 1000, 3, new long[] { 5, 1, 9, 3, 7 }, 100, 50,
				200);

		Result parsed = Result.parse(result.toLine());

		assertThat(parsed).isNotNull();
		assertThat(parsed.nanosPerOp()).containsExactly(5, 1, 9, 3, 7);
		assertThat(parsed.medianNanos()).isEqualTo(5);
		assertThat(parsed.minNanos()).isEqualTo(1);
		assertThat(parsed.maxNanos()).isEqualTo(9);
		assertThat(parsed.retainedBytes()).isEqualTo(200);
	}

	@Test
	void mergesServerCopyVariantsIntoTheBest() {
		List<Result> merged = Report.mergeServerCopy(
				List.of(Result.measured("server-copy-1", Workload.INSERT, 10, 1, new long[] { 30, 30, 30 }, 0, 0, -1),
						Result.measured("server-copy-2", Workload.INSERT, 10, 1, new long[] { 20, 20, 20 }, 0, 0, -1),
						Result.measured("server-copy-4", Workload.INSERT, 10, 1, new long[] { 25, 25, 25 }, 0, 0, -1)));

		assertThat(merged).singleElement().satisfies(r -> {
			assertThat(r.contender()).isEqualTo("server-copy");
			assertThat(r.medianNanos()).isEqualTo(20);
			assertThat(r.message()).contains("2 concurrent");
		});
	}

	@Test
	void aFailedVariantIsNotHiddenByABetterOne() {
		List<Result> merged = Report
			.mergeServerCopy(List.of(Result.failed("server-copy-1", Workload.INSERT, 10, "verification failed"),
					Result.measured("server-copy-2", Workload.INSERT, 10, 1, new long[] { 20, 20, 20 }, 0, 0, -1)));

		assertThat(merged).singleElement().satisfies(r -> assertThat(r.ok()).isFalse());
	}

	@Test
	void poolsInterleavedRoundsAndKeepsAnyFailure() {
		List<Result> pooled = Result
			.pool(List.of(Result.measured("jdbc", Workload.FIND_BY_ID, 10, 1, new long[] { 1, 2 }, 10, 5, 0),
					Result.measured("hibernate", Workload.FIND_BY_ID, 10, 1, new long[] { 7 }, 10, 5, 0),
					Result.measured("jdbc", Workload.FIND_BY_ID, 10, 1, new long[] { 3, 4 }, 30, 7, 0),
					Result.failed("hibernate", Workload.FIND_BY_ID, 10, "verification failed")));

		assertThat(pooled).hasSize(2);
		assertThat(pooled.get(0).nanosPerOp()).containsExactly(1, 2, 3, 4);
		assertThat(pooled.get(0).message()).contains("2 interleaved rounds");
		assertThat(pooled.get(1).status()).isEqualTo("FAIL");
	}

	@Test
	void checkNamesBothSidesOfAMismatch() {
		assertThat(new Check(3, 10).mismatch(new Check(3, 10))).isNull();
		assertThat(new Check(2, 10).mismatch(new Check(3, 11))).contains("expected 3 rows", "got 2 rows");
	}

	@Test
	void generatedRowsAreAPureFunctionOfTheirId() {
		assertThat(BenchData.row(42)).isEqualTo(BenchData.row(42));
		assertThat(BenchData.checkOf(1, 100)).isEqualTo(BenchData.checkOf(1, 100));
		assertThat(BenchData.checkOf(1, 100)).isNotEqualTo(BenchData.checkOf(2, 100));
	}

}
