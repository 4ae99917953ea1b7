package io.databridge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a finished contender JVM ({@link ContenderMain}) reported: the result lines it
 * printed, and whether it ended by itself. Shared by the full run's {@link Fork} and the
 * {@link BeforeAfter} run.
 *
 * @param results the result lines parsed from the JVM's standard output
 * @param finished whether the JVM exited within its time limit (otherwise it was killed)
 * @param exitCode the JVM's exit code ({@code -1} when it was killed)
 * @param timeout the time limit it ran under
 */
record ContenderProcess(List<Result> results, boolean finished, int exitCode, Duration timeout) {

	/**
	 * The java launcher of this process, which the contender JVMs use too.
	 * @return the path of the java binary
	 */
	static String javaLauncher() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * Starts the JVM, reads its standard output until it ends and waits for it, killing
	 * it at the time limit.
	 * @param builder the configured process
	 * @param timeout the time limit
	 * @param onResult called with each result line as it arrives
	 * @param onOtherLine called with each other line of standard output
	 * @return what the JVM reported
	 * @throws IOException when the JVM cannot start
	 * @throws InterruptedException when interrupted while waiting
	 */
	static ContenderProcess run(ProcessBuilder builder, Duration timeout, Consumer<Result> onResult,
			Consumer<String> onOtherLine) throws IOException, InterruptedException {
		Process process = builder.start();
		List<Result> results = new CopyOnWriteArrayList<>();
		Thread reader = Thread.ofVirtual().start(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					Result result = Result.parse(line);
					if (result != null) {
						results.add(result);
						onResult.accept(result);
					}
					else {
						onOtherLine.accept(line);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				System.err.println("[bench] reading a contender's output failed: " + ex);
			}
		});
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor();
		}
		reader.join();
		return new ContenderProcess(List.copyOf(results), finished, finished ? process.exitValue() : -1, timeout);
	}

	/**
	 * The result reported for a size, if any.
	 * @param size the size
	 * @return the result or {@code null}
	 */
	Result forSize(int size) {
		return this.results.stream().filter(r -> r.size() == size).findFirst().orElse(null);
	}

	/**
	 * Why a size has no result.
	 * @return a sentence fragment naming the exit code or the time limit
	 */
	String whyMissing() {
		return this.finished ? "the contender's JVM exited with code " + this.exitCode + " before reporting"
				: "the contender's JVM ran over its time limit of " + this.timeout.toMinutes() + " min";
	}

}
