package io.databridge.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Runs one contender on one workload in a JVM of its own ({@link ContenderMain}), with
 * the java binary and class path of this process, and collects its result lines. A JVM
 * that crashes or overruns its time limit yields {@code FAIL} results for the sizes it
 * did not report.
 *
 * @param contender contender name
 * @param workload the workload
 * @param sizes sizes to run, ascending
 * @param jdbcUrl the URL the contender connects to
 * @param username user
 * @param password password or {@code null}
 * @param fetchSize streaming fetch size
 * @param workDir directory for server-side COPY files ({@code -} for none)
 * @param label name under which the results are reported (a variant of a contender has
 * its own label)
 */
record Fork(String contender, Workload workload, List<Integer> sizes, String jdbcUrl, String username,
		@Nullable String password, int fetchSize, String workDir, String label) {

	/**
	 * Runs the JVM; when a size failed with an exception (a dropped connection, say:
	 * other people's tests share the server), runs those sizes once more in a fresh JVM
	 * and says so in the result. A failed verification is never retried.
	 */
	List<Result> run(BenchConfig config) throws IOException, InterruptedException {
		List<Result> first = runOnce(config);
		List<Integer> retry = first.stream()
			.filter(r -> "FAIL".equals(r.status()) && r.message().startsWith("error:"))
			.map(Result::size)
			.toList();
		if (retry.isEmpty()) {
			return first;
		}
		System.err.println("[bench] " + this.label + " " + this.workload.key() + " " + retry
				+ " failed with an exception; running those sizes once more");
		List<Result> second = new Fork(this.contender, this.workload, retry, this.jdbcUrl, this.username, this.password,
				this.fetchSize, this.workDir, this.label)
			.runOnce(config);
		List<Result> merged = new ArrayList<>();
		for (Result r : first) {
			Result again = second.stream().filter(x -> x.size() == r.size()).findFirst().orElse(null);
			merged.add(again == null ? r : again.renamed(again.contender(), "retried once after: " + r.message()));
		}
		return merged;
	}

	private List<Result> runOnce(BenchConfig config) throws IOException, InterruptedException {
		String java = ContenderProcess.javaLauncher();
		List<String> command = new ArrayList<>(List.of(java, "-Xms" + config.heap(), "-Xmx" + config.heap()));
		command.addAll(config.jvmOptions());
		command.addAll(List.of("-Dorg.jboss.logging.provider=slf4j", "-cp", System.getProperty("java.class.path"),
				ContenderMain.class.getName(), this.contender, this.workload.key(),
				String.join(",", this.sizes.stream().map(String::valueOf).toList()), Integer.toString(config.warmups()),
				Integer.toString(config.largeWarmups()), Integer.toString(config.iterations(this.workload)),
				Integer.toString(config.minIterationMillis()), Integer.toString(config.readRows()),
				Integer.toString(this.fetchSize), this.workDir));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		Map<String, String> env = builder.environment();
		env.put("BENCH_JDBC_URL", this.jdbcUrl);
		env.put("BENCH_USER", this.username);
		if (this.password != null) {
			env.put("BENCH_PASSWORD", this.password);
		}
		System.err.printf("[bench] %-24s %-12s sizes %s%n", this.label, this.workload.key(), this.sizes);
		Duration timeout = config.forkTimeout();
		ContenderProcess outcome = ContenderProcess.run(builder, timeout,
				result -> System.err.println("[bench]   " + summary(result)),
				line -> System.err.println("[fork] " + line));
		List<Result> all = new ArrayList<>();
		for (int size : this.sizes) {
			Result found = outcome.forSize(size);
			if (found == null) {
				found = Result.failed(this.contender, this.workload, size, outcome.whyMissing());
			}
			all.add(this.label.equals(this.contender) ? found : found.renamed(this.label, ""));
		}
		return all;
	}

	private static String summary(Result r) {
		if (!r.ok()) {
			return r.contender() + " " + r.workload().key() + " " + r.size() + ": " + r.status() + " " + r.message();
		}
		return String.format("%s %s %d: median %.3f ms (min %.3f, max %.3f), client CPU %.3f ms, %d op(s)/iteration",
				r.contender(), r.workload().key(), r.size(), r.medianNanos() / 1e6, r.minNanos() / 1e6,
				r.maxNanos() / 1e6, r.cpuNanosPerOp() / 1e6, r.opsPerIteration());
	}
}
