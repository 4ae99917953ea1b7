package io.databridge.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The JVM of one contender and one workload, started by {@link BenchRunner}. For each
 * size it generates the input (before any timing), runs warm-up iterations, then the
 * measured iterations, and prints one {@link Result} line per size on standard output.
 * Every operation, warm-up or measured, is verified; the first failed verification ends
 * that size with a {@code FAIL} result and no figure.
 *
 * <p>
 * A warm-up iteration repeats the operation until the timed operations add up to
 * {@code min-iteration-ms}; every measured iteration then runs as many operations as the
 * last warm-up needed. Only {@link Iteration#run()} is timed, each operation separately,
 * and the figure of an iteration is its mean time per operation. Allocation is
 * {@code ThreadMXBean.getTotalThreadAllocatedBytes} (every thread of this JVM) around
 * {@code run()}, client CPU is the process CPU time of this JVM around it
 * ({@code getProcessCpuTime}: every thread, so a parallel contender's workers, the GC and
 * the JIT count too; what the client side costs, which a busy machine disturbs much less
 * than wall time); the retained heap of a result is the used heap after a full GC with
 * the result alive minus before, measured once per size, after the measured iterations.
 *
 * <p>
 * Arguments:
 * {@code <contender> <workload> <sizes,comma,separated> <warmups> <large-warmups> <iterations>
 * <min-iteration-ms> <read-rows> <fetch-size> <work-dir>} ({@code large-warmups} applies
 * from 100,000 rows up); the JDBC URL, user and password come from the environment
 * variables {@code BENCH_JDBC_URL}, {@code BENCH_USER} and {@code BENCH_PASSWORD}.
 */
public final class ContenderMain {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private ContenderMain() {
	}

	/**
	 * Runs one contender on one workload.
	 * @param args see the class description
	 * @throws Exception when the contender cannot be set up
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 10) {
			throw new IllegalArgumentException("Usage: ContenderMain <contender> <workload> <sizes> <warmups> "
					+ "<large-warmups> <iterations> <min-iteration-ms> <read-rows> <fetch-size> <work-dir>, got "
					+ Arrays.toString(args));
		}
		Contender contender = find(args[0]);
		Workload workload = Workload.of(args[1]);
		int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
		int warmups = Integer.parseInt(args[3]);
		int largeWarmups = Integer.parseInt(args[4]);
		int iterations = Integer.parseInt(args[5]);
		long minIterationNanos = Long.parseLong(args[6]) * 1_000_000L;
		int readRows = Integer.parseInt(args[7]);
		Map<String, String> env = System.getenv();
		BenchEnvironment environment = new BenchEnvironment(env.get("BENCH_JDBC_URL"), env.get("BENCH_USER"),
				env.get("BENCH_PASSWORD"), readRows, Integer.parseInt(args[8]), Path.of(args[9]), workload);
		THREADS.setThreadAllocatedMemoryEnabled(true);
		try (contender) {
			contender.open(environment);
			for (int size : sizes) {
				String skip = contender.skipReason(workload, size);
				Result result;
				if (skip != null) {
					result = Result.skipped(contender.name(), workload, size, skip);
				}
				else {
					WorkloadInput input = WorkloadInput.of(workload, size, readRows);
					result = measure(contender, input, size >= 100_000 ? largeWarmups : warmups, iterations,
							minIterationNanos);
				}
				System.out.println(result.toLine());
				System.out.flush();
			}
		}
	}

	static Contender find(String name) {
		for (Contender contender : ServiceLoader.load(Contender.class)) {
			if (contender.name().equals(name)) {
				return contender;
			}
		}
		throw new IllegalArgumentException("No contender named '" + name + "'");
	}

	private static Result measure(Contender contender, WorkloadInput input, int warmups, int iterations,
			long minIterationNanos) {
		Measurement measurement = new Measurement();
		try {
			// warm-up iterations run until they last minIterationNanos; the last one
			// fixes the measured op count
			int opsPerIteration = 1;
			for (int i = 0; i < warmups; i++) {
				opsPerIteration = iterate(contender, input, Integer.MAX_VALUE, minIterationNanos).ops();
			}
			long gcBefore = gcMillis();
			long jitBefore = jitMillis();
			long wallBefore = System.nanoTime();
			LookupClock.clear();
			for (int i = 0; i < iterations; i++) {
				measurement.add(iterate(contender, input, opsPerIteration, 0));
			}
			long lookupMedian = LookupClock.median();
			long wallMillis = (System.nanoTime() - wallBefore) / 1_000_000;
			String during = "during the " + wallMillis + " ms of measurement: GC " + (gcMillis() - gcBefore)
					+ " ms, JIT " + (jitMillis() - jitBefore) + " ms";
			long retained = retainedBytes(contender, input);
			Result result = Result.measured(contender.name(), input.workload(), input.size(), opsPerIteration,
					measurement.nanosPerOp(), measurement.allocatedPerOp(), measurement.cpuPerOp(), retained,
					lookupMedian);
			System.err
				.println("[" + contender.name() + "] " + input.workload().key() + " " + input.size() + ": " + during);
			return result;
		}
		catch (VerificationException ex) {
			return Result.failed(contender.name(), input.workload(), input.size(), ex.getMessage());
		}
		catch (Exception | OutOfMemoryError ex) {
			ex.printStackTrace();
			return Result.failed(contender.name(), input.workload(), input.size(), "error: " + ex);
		}
	}

	/**
	 * Runs {@code maxOps} operations, or fewer once their timed sum reaches
	 * {@code minNanos} (when positive).
	 */
	private static IterationFigures iterate(Contender contender, WorkloadInput input, int maxOps, long minNanos)
			throws Exception {
		long nanos = 0;
		long allocated = 0;
		long cpu = 0;
		int ops = 0;
		while (ops < maxOps && (minNanos <= 0 || nanos < minNanos)) {
			ops++;
			Iteration iteration = contender.prepare(input);
			long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
			long cpuBefore = PROCESS.getProcessCpuTime();
			long start = System.nanoTime();
			iteration.run();
			long elapsed = System.nanoTime() - start;
			long cpuUsed = PROCESS.getProcessCpuTime() - cpuBefore;
			nanos += iteration.reportedNanos() >= 0 ? iteration.reportedNanos() : elapsed;
			cpu += iteration.reportedCpuNanos() >= 0 ? iteration.reportedCpuNanos() : cpuUsed;
			allocated += THREADS.getTotalThreadAllocatedBytes() - allocatedBefore;
			verify(contender, input, iteration);
		}
		return new IterationFigures(nanos / ops, allocated / ops, cpu / ops, ops);
	}

	private static void verify(Contender contender, WorkloadInput input, Iteration iteration) throws Exception {
		String mismatch = iteration.check().mismatch(input.expected());
		if (mismatch != null) {
			throw new VerificationException(contender.name() + " " + input.workload().key() + " " + input.size()
					+ ": verification failed: " + mismatch);
		}
	}

	private static long retainedBytes(Contender contender, WorkloadInput input) throws Exception {
		if (input.workload() == Workload.INSERT) {
			return -1;
		}
		Iteration iteration = contender.prepare(input);
		long before = usedAfterGc();
		iteration.run();
		long after = usedAfterGc();
		verify(contender, input, iteration);
		return Math.max(0, after - before);
	}

	private static long gcMillis() {
		long total = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, gc.getCollectionTime());
		}
		return total;
	}

	private static long jitMillis() {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 2; i++) {
			System.gc();
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private record IterationFigures(long nanosPerOp, long allocatedPerOp, long cpuPerOp, int ops) {
	}

	private static final class Measurement {

		private final List<Long> nanos = new ArrayList<>();

		private final List<Long> allocated = new ArrayList<>();

		private final List<Long> cpu = new ArrayList<>();

		void add(IterationFigures figures) {
			this.nanos.add(figures.nanosPerOp());
			this.allocated.add(figures.allocatedPerOp());
			this.cpu.add(figures.cpuPerOp());
		}

		long[] nanosPerOp() {
			return this.nanos.stream().mapToLong(Long::longValue).toArray();
		}

		long allocatedPerOp() {
			return median(this.allocated);
		}

		long cpuPerOp() {
			return median(this.cpu);
		}

		private static long median(List<Long> values) {
			long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
			return sorted[sorted.length / 2];
		}

	}

	private static final class VerificationException extends Exception {

		VerificationException(String message) {
			super(message);
		}

	}

}
