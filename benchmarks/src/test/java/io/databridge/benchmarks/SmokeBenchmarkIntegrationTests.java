package io.databridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.databridge.benchmarks.contenders.AsyncpgContender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole benchmark harness in smoke mode (tiny sizes, every contender in its own
 * JVM, every result verified) against a real PostgreSQL, so a contender that writes or
 * reads wrong rows fails the build.
 */
class SmokeBenchmarkIntegrationTests {

	@Test
	void everyContenderRunsEveryWorkloadAndPassesVerification() throws Exception {
		Path dir = Path.of("target", "smoke-results");

		BenchRunner.Summary summary = BenchRunner.run(BenchConfig.smoke(), dir);

		assertThat(summary.failures()).as("results that failed verification or did not finish").isEmpty();
		Set<String> measured = summary.results()
			.stream()
			.filter(Result::ok)
			.map(r -> r.contender() + " " + r.workload().key())
			.collect(Collectors.toSet());
		for (String contender : List.of("data-bridge", "jdbc", "spring-data-jdbc", "hibernate")) {
			for (Workload workload : Workload.values()) {
				assertThat(measured).contains(contender + " " + workload.key());
			}
		}
		assertThat(measured).contains("pgjdbc-copy insert", "server-copy-1 insert", "server-copy-2 insert",
				"server-copy-4 insert", "data-bridge derived select-range", "data-bridge observed select-range",
				"data-bridge observed findById");
		assertThat(summary.results())
			.filteredOn(r -> r.ok() && r.workload() == Workload.FIND_BY_ID && !r.contender().equals("asyncpg"))
			.as("per-lookup medians of the JVM contenders")
			.allSatisfy(r -> assertThat(r.lookupMedianNanos()).isPositive());
		if (AsyncpgContender.missing() == null) {
			assertThat(measured).contains("asyncpg select-range", "asyncpg findById", "asyncpg insert");
		}
		assertThat(summary.results()).filteredOn(Result::ok)
			.allSatisfy(r -> assertThat(r.nanosPerOp()).hasSize(BenchConfig.smoke().iterations()));
		assertThat(Files.readString(summary.report())).contains("## Machine", "## Read targets", "rows/s",
				"median of per-round ratios", "Load average per round");
		assertThat(Files.readString(dir.resolve("smoke-chart.svg"))).startsWith("<svg").contains("<rect");
	}

}
