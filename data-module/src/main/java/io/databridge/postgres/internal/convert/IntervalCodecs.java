package io.databridge.postgres.internal.convert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Period;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * {@code interval} as {@link Duration} (a time span: microseconds, days read back as 24
 * hours, months refused) and as {@link Period} (years, months and days; a time part is
 * refused). PostgreSQL keeps an interval's months, days and microseconds apart, so a
 * Duration is stored in the microseconds field only, and a Period in the months and days
 * fields only: each reads back as it was written. Parameters are bound as typed
 * {@code interval} values in a unit-only text form that every {@code IntervalStyle}
 * accepts.
 */
final class IntervalCodecs {

	private static final long MICROS_PER_DAY = 86_400_000_000L;

	private IntervalCodecs() {
	}

	static SimpleCodec duration() {
		return new SimpleCodec(Duration.class, "interval", Types.OTHER, IntervalCodecs::readDuration,
				(ps, i, v) -> ps.setObject(i, typed(durationText(v))),
				(out, v) -> BinaryFormats.interval(out, micros((Duration) v), 0, 0))
			.withText(IntervalCodecs::durationText);
	}

	static SimpleCodec period() {
		return new SimpleCodec(Period.class, "interval", Types.OTHER, IntervalCodecs::readPeriod,
				(ps, i, v) -> ps.setObject(i, typed(periodText(v))), (out, v) -> {
					Period p = (Period) v;
					BinaryFormats.interval(out, 0, p.getDays(), Math.toIntExact(p.toTotalMonths()));
				})
			.withText(IntervalCodecs::periodText);
	}

	/** Whole microseconds, nanoseconds rounded half-up as for timestamps. */
	static long micros(Duration duration) {
		return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), (duration.getNano() + 500) / 1000);
	}

	private static String durationText(Object value) {
		return micros((Duration) value) + " microseconds";
	}

	private static String periodText(Object value) {
		Period p = (Period) value;
		return p.getYears() + " years " + p.getMonths() + " months " + p.getDays() + " days";
	}

	private static PGobject typed(String text) throws SQLException {
		PGobject object = new PGobject();
		object.setType("interval");
		object.setValue(text);
		return object;
	}

	private static @Nullable Object readDuration(ResultSet rs, int column) throws SQLException {
		PGInterval interval = interval(rs, column);
		if (interval == null) {
			return null;
		}
		if (interval.getYears() != 0 || interval.getMonths() != 0) {
			throw new IllegalArgumentException("interval '" + interval.getValue()
					+ "' has months, which a java.time.Duration cannot hold; map the property as java.time.Period");
		}
		long micros = Math.addExact(Math.multiplyExact((long) interval.getDays(), MICROS_PER_DAY),
				timeMicros(interval));
		return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
	}

	private static @Nullable Object readPeriod(ResultSet rs, int column) throws SQLException {
		PGInterval interval = interval(rs, column);
		if (interval == null) {
			return null;
		}
		if (timeMicros(interval) != 0) {
			throw new IllegalArgumentException(
					"interval '" + interval.getValue() + "' has a time part, which a java.time.Period cannot hold;"
							+ " map the property as java.time.Duration");
		}
		return Period.of(interval.getYears(), interval.getMonths(), interval.getDays());
	}

	private static long timeMicros(PGInterval interval) {
		long seconds = interval.getHours() * 3600L + interval.getMinutes() * 60L + interval.getWholeSeconds();
		return seconds * 1_000_000L + interval.getMicroSeconds();
	}

	private static @Nullable PGInterval interval(ResultSet rs, int column) throws SQLException {
		String text = rs.getString(column);
		return text == null ? null : new PGInterval(text);
	}

}
