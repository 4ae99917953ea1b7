package io.databridge.benchmarks;

import java.util.Arrays;

/**
 * The duration of every single findById lookup of a contender's JVM, for the per-lookup
 * median (the mean per lookup hides a slow tail and a fast majority alike).
 * {@link ContenderMain} clears it before the measured iterations and reads the median
 * after them, so warm-up lookups do not count. One contender JVM runs one workload on one
 * thread, hence no synchronisation.
 */
final class LookupClock {

	private static long[] durations = new long[1 << 16];

	private static int count;

	private LookupClock() {
	}

	/** Forgets every recorded lookup. */
	static void clear() {
		count = 0;
	}

	/**
	 * Records one lookup.
	 * @param nanos its duration
	 */
	static void record(long nanos) {
		if (count == durations.length) {
			durations = Arrays.copyOf(durations, count * 2);
		}
		durations[count++] = nanos;
	}

	/**
	 * The median of the lookups recorded since {@link #clear()}.
	 * @return nanoseconds, or -1 when none was recorded
	 */
	static long median() {
		if (count == 0) {
			return -1;
		}
		long[] sorted = Arrays.copyOf(durations, count);
		Arrays.sort(sorted);
		return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
	}

}
