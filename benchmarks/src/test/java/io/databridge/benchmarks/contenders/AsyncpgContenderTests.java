package io.databridge.benchmarks.contenders;

import io.databridge.benchmarks.BenchData;
import io.databridge.benchmarks.BenchRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The row format and connection string the asyncpg worker shares with the Java side. */
class AsyncpgContenderTests {

	@Test
	void shouldRoundTripRowsThroughTheWorkerFormat() {
		for (BenchRow row : BenchData.rows(1, 50)) {
			assertThat(AsyncpgContender.parse(AsyncpgContender.line(row))).isEqualTo(row);
		}
	}

	@Test
	void shouldTurnTheJdbcUrlIntoALibpqUriAndReadTheSchema() {
		String url = "jdbc:postgresql://localhost:5432/bench_1?reWriteBatchedInserts=true&currentSchema=w_asyncpg";
		assertThat(AsyncpgContender.dsn(url, "postgres", null))
			.isEqualTo("postgresql://postgres@localhost:5432/bench_1");
		assertThat(AsyncpgContender.dsn(url, "u", "p@ss")).isEqualTo("postgresql://u:p%40ss@localhost:5432/bench_1");
		assertThat(AsyncpgContender.options(url)).containsEntry("currentSchema", "w_asyncpg");
	}

}
