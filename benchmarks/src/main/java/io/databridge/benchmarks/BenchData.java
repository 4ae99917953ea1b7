package io.databridge.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's data: row {@code id} is a pure function of {@code id}, so every
 * contender's JVM generates exactly the same rows (before any timing starts) and the
 * expected checksum of any id range is known without the database.
 */
public final class BenchData {

	/** 2025-01-01T00:00:00Z in microseconds since the epoch. */
	private static final long BASE_MICROS = 1_735_689_600_000_000L;

	private static final String[] TIERS = { "free", "gold", "silver", "platinum" };

	private BenchData() {
	}

	/**
	 * Generates one row.
	 * @param id the id, at least 1
	 * @return the row with that id
	 */
	public static BenchRow row(long id) {
		SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
		String name = "user-" + id;
		String email = "user" + id + "@example.org";
		int age = 18 + random.nextInt(70);
		boolean active = random.nextBoolean();
		// a float8 that survives text and binary transfer unchanged
		double score = random.nextInt(1_000_000) / 64.0;
		BigDecimal balance = BigDecimal.valueOf(random.nextLong(-100_000_000L, 10_000_000_000L), 2);
		long micros = BASE_MICROS + random.nextLong(400L * 24 * 3600 * 1_000_000L);
		Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
				Math.floorMod(micros, 1_000_000L) * 1000L);
		UUID externalId = new UUID(random.nextLong(), random.nextLong());
		// keys in jsonb's output order (shorter keys first), with jsonb's ", " and ": "
		// separators
		String profile = "{\"tags\": [\"t" + random.nextInt(10) + "\", \"t" + random.nextInt(10) + "\"], \"tier\": \""
				+ TIERS[random.nextInt(TIERS.length)] + "\", \"level\": " + random.nextInt(100) + "}";
		return new BenchRow(id, name, email, age, active, score, balance, createdAt, externalId, profile);
	}

	/**
	 * Generates the rows with ids {@code first} to {@code first + count - 1}.
	 * @param first the first id
	 * @param count how many rows
	 * @return the rows, in id order
	 */
	public static List<BenchRow> rows(long first, int count) {
		List<BenchRow> rows = new ArrayList<>(count);
		for (long id = first; id < first + count; id++) {
			rows.add(row(id));
		}
		return rows;
	}

	/**
	 * The expected check of the rows with ids {@code first} to {@code first + count - 1}.
	 * @param first the first id
	 * @param count how many rows
	 * @return their count and checksum
	 */
	public static Check checkOf(long first, long count) {
		Checksum sum = new Checksum();
		for (long id = first; id < first + count; id++) {
			sum.add(row(id));
		}
		return sum.check();
	}

}
