package io.databridge.postgres.internal.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Dates and timestamps as PostgreSQL's input functions read them, for array parameters:
 * ISO-8601 with a space, years past 9999 without Java's {@code +}, and years before 1 AD
 * as PostgreSQL's {@code BC} years (Java's year 0 is 1 BC). Also parses the server's ISO
 * output of BC values, which pgjdbc's readers reject on February 29 of BC leap years.
 */
final class TemporalTexts {

	private TemporalTexts() {
	}

	static String date(Object value) {
		LocalDate date = (LocalDate) value;
		return withEra(date.getYear(), String.format("-%02d-%02d", date.getMonthValue(), date.getDayOfMonth()), "");
	}

	static String dateTime(Object value) {
		LocalDateTime dateTime = (LocalDateTime) value;
		LocalDate date = dateTime.toLocalDate();
		return withEra(date.getYear(),
				String.format("-%02d-%02d ", date.getMonthValue(), date.getDayOfMonth()) + dateTime.toLocalTime(), "");
	}

	static String instant(Object value) {
		Instant instant = value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
		LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		LocalDate date = utc.toLocalDate();
		return withEra(date.getYear(),
				String.format("-%02d-%02d ", date.getMonthValue(), date.getDayOfMonth()) + utc.toLocalTime(), "+00");
	}

	private static String withEra(int year, String rest, String zone) {
		if (year >= 1) {
			return String.format("%04d", year) + rest + zone;
		}
		return String.format("%04d", 1 - year) + rest + zone + " BC";
	}

	private static final Pattern OUTPUT = Pattern
		.compile("(\\d{4,})-(\\d\\d)-(\\d\\d)(?: (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,9}))?)?"
				+ "(?:([+-]\\d\\d)(?::(\\d\\d))?(?::(\\d\\d))?)?( BC)?");

	/**
	 * Parses the server's ISO {@code DateStyle} output of a date, timestamp or
	 * timestamptz.
	 * @return the local date-time (midnight for a date) and the offset (UTC when absent)
	 * @throws IllegalArgumentException when the text is not such output
	 */
	static OffsetDateTime parse(String text) {
		Matcher m = OUTPUT.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException("Unexpected date/time text '" + text + "'");
		}
		int year = Integer.parseInt(m.group(1));
		if (m.group(11) != null) {
			year = 1 - year;
		}
		LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
		LocalDateTime dateTime = date.atStartOfDay();
		if (m.group(4) != null) {
			String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
			dateTime = dateTime.withHour(Integer.parseInt(m.group(4)))
				.withMinute(Integer.parseInt(m.group(5)))
				.withSecond(Integer.parseInt(m.group(6)))
				.withNano(Integer.parseInt(fraction));
		}
		int offset = 0;
		if (m.group(8) != null) {
			int hours = Integer.parseInt(m.group(8));
			int sign = hours < 0 || m.group(8).startsWith("-") ? -1 : 1;
			offset = hours * 3600 + sign * (number(m.group(9)) * 60 + number(m.group(10)));
		}
		return OffsetDateTime.of(dateTime, ZoneOffset.ofTotalSeconds(offset));
	}

	private static int number(@Nullable String digits) {
		return digits == null ? 0 : Integer.parseInt(digits);
	}

}
