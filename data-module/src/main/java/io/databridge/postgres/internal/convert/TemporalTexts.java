package io.databridge.postgres.internal.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Dates and timestamps as PostgreSQL's input functions read them, for array parameters:
 * ISO-8601 with a space, years past 9999 without Java's {@code +}, and years before 1 AD as
 * PostgreSQL's {@code BC} years (Java's year 0 is 1 BC).
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
		return withEra(date.getYear(), String.format("-%02d-%02d ", date.getMonthValue(), date.getDayOfMonth())
				+ dateTime.toLocalTime(), "");
	}

	static String instant(Object value) {
		Instant instant = value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
		LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		LocalDate date = utc.toLocalDate();
		return withEra(date.getYear(), String.format("-%02d-%02d ", date.getMonthValue(), date.getDayOfMonth())
				+ utc.toLocalTime(), "+00");
	}

	private static String withEra(int year, String rest, String zone) {
		if (year >= 1) {
			return String.format("%04d", year) + rest + zone;
		}
		return String.format("%04d", 1 - year) + rest + zone + " BC";
	}
}
