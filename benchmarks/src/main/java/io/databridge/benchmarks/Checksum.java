package io.databridge.benchmarks;

/**
 * An order-independent checksum over rows: the sum of a 64-bit mix of every column of
 * each row, plus the row count. Cheap enough to run inside a timed streaming loop; every
 * contender pays the same cost. Not thread-safe.
 */
public final class Checksum {

	private long rows;

	private long sum;

	/**
	 * Adds a row.
	 * @param row the row, never {@code null}
	 */
	public void add(BenchRow row) {
		this.rows++;
		this.sum += of(row);
	}

	/**
	 * The rows added so far.
	 * @return the count and checksum
	 */
	public Check check() {
		return new Check(this.rows, this.sum);
	}

	/**
	 * The hash of one row; every column takes part.
	 * @param row the row
	 * @return a 64-bit hash
	 */
	public static long of(BenchRow row) {
		long h = mix(row.id());
		h = mix(h ^ row.name().hashCode());
		h = mix(h ^ row.email().hashCode());
		h = mix(h ^ row.age());
		h = mix(h ^ (row.active() ? 1 : 2));
		h = mix(h ^ Double.doubleToLongBits(row.score()));
		h = mix(h ^ row.balance().unscaledValue().longValue() ^ ((long) row.balance().scale() << 56));
		h = mix(h ^ row.createdAt().getEpochSecond());
		h = mix(h ^ row.createdAt().getNano());
		h = mix(h ^ row.externalId().getMostSignificantBits());
		h = mix(h ^ row.externalId().getLeastSignificantBits());
		return mix(h ^ row.profile().hashCode());
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
