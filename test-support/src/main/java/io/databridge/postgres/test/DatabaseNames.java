package io.databridge.postgres.test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of throw-away test databases, {@code dbt_<epochSeconds>_<6 hex digits>}, and SQL
 * identifier quoting.
 */
final class DatabaseNames {

	/** Test databases older than this are leftovers of crashed runs. */
	static final Duration LEFTOVER_AGE = Duration.ofHours(6);

	private static final Pattern NAME = Pattern.compile("dbt_(\\d{1,18})_[0-9a-f]{6}");

	private DatabaseNames() {
	}

	/** Returns a new name for a database created at {@code now}. */
	static String newName(Instant now, RandomGenerator random) {
		return "dbt_" + now.getEpochSecond() + "_" + HexFormat.of().toHexDigits(random.nextInt(1 << 24)).substring(2);
	}

	/**
	 * Returns the creation time (epoch seconds) encoded in a test database name, if it is
	 * one.
	 */
	static OptionalLong createdAt(String name) {
		Matcher matcher = NAME.matcher(name);
		return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
	}

	/**
	 * Whether {@code name} is a test database created more than {@code maxAge} before
	 * {@code now}.
	 */
	static boolean isLeftover(String name, Instant now, Duration maxAge) {
		OptionalLong created = createdAt(name);
		return created.isPresent() && created.getAsLong() < now.minus(maxAge).getEpochSecond();
	}

	/**
	 * Quotes {@code identifier} for use in SQL, e.g. {@code my"db} becomes
	 * {@code "my""db"}.
	 */
	static String quote(String identifier) {
		if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Not a valid database name: '" + identifier + "'");
		}
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
