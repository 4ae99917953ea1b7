package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one contender on one workload at one size, as printed by
 * {@link ContenderMain} (one tab-separated line starting with {@code RESULT}) and read
 * back by {@link BenchRunner}.
 *
 * @param contender contender name
 * @param workload the workload
 * @param size its size
 * @param status {@code OK}, {@code FAIL} (verification or error: no figure) or
 * {@code SKIP}
 * @param opsPerIteration operations per measured iteration
 * @param nanosPerOp mean time per operation of each measured iteration
 * @param allocatedPerOp median bytes allocated by the measuring thread per operation
 * @param cpuNanosPerOp median CPU time of the contender's JVM (all threads) per operation
 * @param retainedBytes heap retained by one operation's result after a full GC, or -1
 * when not measured
 * @param message why it failed or was skipped; empty when OK
 * @param lookupMedianNanos findById only: the median duration of a single lookup over
 * every lookup of the measured iterations (each timed on its own with
 * {@code System.nanoTime}), or -1 when not measured (other workloads, contenders outside
 * the JVM)
 */
public record Result(String contender, Workload workload, int size, String status, int opsPerIteration,
		long[] nanosPerOp, long allocatedPerOp, long cpuNanosPerOp, long retainedBytes, String message,
		long lookupMedianNanos) {

	private static final String PREFIX = "RESULT";

	static Result measured(String contender, Workload workload, int size, int ops, long[] nanosPerOp, long allocated,
			long cpu, long retained) {
		return measured(contender, workload, size, ops, nanosPerOp, allocated, cpu, retained, -1);
	}

	static Result measured(String contender, Workload workload, int size, int ops, long[] nanosPerOp, long allocated,
			long cpu, long retained, long lookupMedian) {
		return new Result(contender, workload, size, "OK", ops, nanosPerOp, allocated, cpu, retained, "", lookupMedian);
	}

	static Result failed(String contender, Workload workload, int size, String message) {
		return new Result(contender, workload, size, "FAIL", 0, new long[0], -1, -1, -1, message, -1);
	}

	static Result skipped(String contender, Workload workload, int size, String reason) {
		return new Result(contender, workload, size, "SKIP", 0, new long[0], -1, -1, -1, reason, -1);
	}

	/**
	 * Whether a figure may be reported.
	 * @return true when measured and verified
	 */
	public boolean ok() {
		return "OK".equals(this.status);
	}

	/**
	 * Median of the measured iterations.
	 * @return nanoseconds per operation
	 */
	public long medianNanos() {
		long[] sorted = sorted();
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/**
	 * Fastest measured iteration.
	 * @return nanoseconds per operation
	 */
	public long minNanos() {
		return sorted()[0];
	}

	/**
	 * Slowest measured iteration.
	 * @return nanoseconds per operation
	 */
	public long maxNanos() {
		long[] sorted = sorted();
		return sorted[sorted.length - 1];
	}

	private long[] sorted() {
		long[] sorted = this.nanosPerOp.clone();
		Arrays.sort(sorted);
		return sorted;
	}

	/**
	 * The same result under another contender name (used to merge variants).
	 * @param name the new name
	 * @param note text appended to the message
	 * @return the renamed result
	 */
	public Result renamed(String name, String note) {
		return new Result(name, this.workload, this.size, this.status, this.opsPerIteration, this.nanosPerOp,
				this.allocatedPerOp, this.cpuNanosPerOp, this.retainedBytes,
				this.message.isEmpty() ? note : this.message + "; " + note, this.lookupMedianNanos);
	}

	/**
	 * Pools the results of several rounds of the same contender, workload and size into
	 * one: all measured iterations together; a failure in any round makes the pooled
	 * result a failure.
	 * @param results results in run order
	 * @return one result per contender, workload and size, in order of first appearance
	 */
	static List<Result> pool(List<Result> results) {
		Map<String, List<Result>> groups = new LinkedHashMap<>();
		for (Result r : results) {
			groups.computeIfAbsent(r.contender() + "\t" + r.workload() + "\t" + r.size(), k -> new ArrayList<>())
				.add(r);
		}
		List<Result> pooled = new ArrayList<>();
		for (List<Result> group : groups.values()) {
			Result first = group.get(0);
			Result failed = group.stream().filter(r -> !r.ok()).findFirst().orElse(null);
			if (group.size() == 1 || failed != null) {
				pooled.add(failed != null ? failed : first);
				continue;
			}
			long[] nanos = group.stream().flatMapToLong(r -> Arrays.stream(r.nanosPerOp())).toArray();
			long allocated = median(group.stream().mapToLong(Result::allocatedPerOp).toArray());
			long cpu = median(group.stream().mapToLong(Result::cpuNanosPerOp).toArray());
			long retained = median(group.stream().mapToLong(Result::retainedBytes).toArray());
			long lookup = median(group.stream().mapToLong(Result::lookupMedianNanos).toArray());
			pooled.add(new Result(first.contender(), first.workload(), first.size(), "OK", first.opsPerIteration(),
					nanos, allocated, cpu, retained,
					group.size() + " interleaved rounds pooled"
							+ group.stream()
								.map(Result::message)
								.filter(m -> m.contains("retried"))
								.map(m -> "; " + m)
								.findFirst()
								.orElse(""),
					lookup));
		}
		return pooled;
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	String toLine() {
		String times = String.join(",", Arrays.stream(this.nanosPerOp).mapToObj(Long::toString).toArray(String[]::new));
		return String.join("\t", PREFIX, this.contender, this.workload.key(), Integer.toString(this.size), this.status,
				Integer.toString(this.opsPerIteration), times.isEmpty() ? "-" : times,
				Long.toString(this.allocatedPerOp), Long.toString(this.cpuNanosPerOp),
				Long.toString(this.retainedBytes),
				this.message.isEmpty() ? "-" : this.message.replaceAll("[\\t\\r\\n]+", " "),
				Long.toString(this.lookupMedianNanos));
	}

	static @Nullable Result parse(String line) {
		String[] f = line.split("\t", -1);
		if ((f.length != 11 && f.length != 12) || !PREFIX.equals(f[0])) {
			return null;
		}
		long[] times = "-".equals(f[6]) ? new long[0]
				: Arrays.stream(f[6].split(",")).mapToLong(Long::parseLong).toArray();
		return new Result(f[1], Workload.of(f[2]), Integer.parseInt(f[3]), f[4], Integer.parseInt(f[5]), times,
				Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), "-".equals(f[10]) ? "" : f[10],
				f.length == 12 ? Long.parseLong(f[11]) : -1);
	}
}
