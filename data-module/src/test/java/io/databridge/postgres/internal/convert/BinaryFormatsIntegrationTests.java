package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every binary encoder, byte for byte against what the server's own {@code *_send}
 * functions produce for the same value (via
 * {@code COPY (SELECT literal) TO STDOUT (FORMAT binary)}).
 */
class BinaryFormatsIntegrationTests {

	static TestDatabase db;

	static Connection connection;

	static final ValueCodecs codecs = new ValueCodecs();

	@BeforeAll
	static void connect() throws Exception {
		db = TestDatabase.shared();
		connection = db.openConnection();
	}

	@AfterAll
	static void close() throws Exception {
		connection.close();
	}

	private static void assertSameBytes(Class<?> type, Object value, String literal) throws Exception {
		assertSameBytes(codecs.find(type), value, literal);
	}

	private static void assertSameBytes(ValueCodec codec, Object value, String literal) throws Exception {
		byte[] server = BinaryCopy.copyOutFirstRow(connection, "SELECT " + literal).get(0);
		assertThat(BinaryCopy.encode(codec, value)).as("%s as %s", value, literal).isEqualTo(server);
	}

	@Test
	void shouldEncodeIntegersAndBooleansAsTheServerDoes() throws Exception {
		for (long v : new long[] { 0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40 }) {
			assertSameBytes(Long.class, v, "(" + v + ")::int8");
		}
		for (int v : new int[] { 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE }) {
			assertSameBytes(Integer.class, v, "(" + v + ")::int4");
		}
		for (short v : new short[] { 0, -1, Short.MIN_VALUE, Short.MAX_VALUE }) {
			assertSameBytes(Short.class, v, "(" + v + ")::int2");
		}
		assertSameBytes(Boolean.class, true, "true");
		assertSameBytes(Boolean.class, false, "false");
	}

	@Test
	void shouldEncodeFloatsIncludingNaNAndInfinities() throws Exception {
		for (double v : new double[] { 0.0, -0.0, 1.5, -2.25e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
			assertSameBytes(Double.class, v, "'" + v + "'::float8");
		}
		for (float v : new float[] { 0.0f, 1.5f, -3.4e38f, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
				Float.NEGATIVE_INFINITY }) {
			assertSameBytes(Float.class, v, "'" + v + "'::float4");
		}
	}

	@Test
	void shouldEncodeNumericsAtAnyScaleAndPrecision() throws Exception {
		for (String v : List.of("0", "0.00", "1", "1.50", "-12345.678", "0.0001", "0.00001", "9999", "10000",
				"99999999", "100000000", "-0.000000000000000000000000000001", "123456789012345678901234567890",
				"1234567890.12345678901234567890", "-98765432109876543210.987654321098765432109876543210", "0.1000",
				"1E+5", "-7E+20", "3.14159265358979323846264338327950288419716939937510")) {
			BigDecimal value = new BigDecimal(v);
			String literal = value.scale() < 0 ? value.toPlainString() : v;
			assertSameBytes(BigDecimal.class, value, "'" + literal + "'::numeric");
		}
		BigInteger huge = BigInteger.TEN.pow(60).add(BigInteger.valueOf(12345)).negate();
		assertSameBytes(BigInteger.class, huge, "'" + huge + "'::numeric");
	}

	@Test
	void shouldEncodeTextBytesAndUuids() throws Exception {
		for (String v : List.of("", "plain", "héllo wörld", "\uD83D\uDE00 \uD834\uDD1E", "quote ' and \\")) {
			assertSameBytes(String.class, v, "'" + v.replace("'", "''") + "'::text");
		}
		assertSameBytes(Character.class, 'é', "'é'::text");
		assertSameBytes(byte[].class, new byte[0], "'\\x'::bytea");
		assertSameBytes(byte[].class, new byte[] { 0, 1, (byte) 0xff, 127 }, "'\\x0001ff7f'::bytea");
		UUID uuid = UUID.randomUUID();
		assertSameBytes(UUID.class, uuid, "'" + uuid + "'::uuid");
	}

	@Test
	void shouldEncodeDatesTimesAndTimestampsBefore1970AndAfter2038() throws Exception {
		for (String v : List.of("0001-01-01", "1900-02-28", "1969-12-31", "1970-01-01", "1999-12-31", "2000-01-01",
				"2038-01-20", "2262-04-12", "9999-12-31")) {
			assertSameBytes(LocalDate.class, LocalDate.parse(v), "'" + v + "'::date");
		}
		for (String v : List.of("00:00:00", "12:34:56.123456", "23:59:59.999999")) {
			assertSameBytes(LocalTime.class, LocalTime.parse(v), "'" + v + "'::time");
		}
		for (String v : List.of("0001-01-01T00:00:00", "1900-01-01T00:00:00", "1969-12-31T23:59:59.999999",
				"2000-01-01T00:00:00", "2038-01-19T03:14:08", "2100-06-15T12:34:56.123456", "9999-12-31T23:59:59")) {
			assertSameBytes(LocalDateTime.class, LocalDateTime.parse(v), "'" + v + "'::timestamp");
			assertSameBytes(Instant.class, Instant.parse(v + "Z"), "'" + v + "+00'::timestamptz");
		}
		OffsetDateTime offset = OffsetDateTime.parse("1955-11-05T06:15:00.5-08:00");
		assertSameBytes(OffsetDateTime.class, offset, "'1955-11-05 06:15:00.5-08'::timestamptz");
	}

	@Test
	void shouldEncodeIntervals() throws Exception {
		assertSameBytes(Duration.class, Duration.ofHours(36), "'36 hours'::interval");
		assertSameBytes(Duration.class, Duration.ofMillis(-1500), "'-1.5 seconds'::interval");
		assertSameBytes(Duration.class, Duration.ofSeconds(1, 123_456_000), "'1.123456 seconds'::interval");
		assertSameBytes(Period.class, Period.of(1, 2, 3), "'1 year 2 months 3 days'::interval");
		assertSameBytes(Period.class, Period.of(0, -5, -40), "'-5 months -40 days'::interval");
	}

	enum Colour {

		RED, GREEN

	}

	@Test
	void shouldEncodeArraysWithNullsAndEmptyArrays() throws Exception {
		ValueCodec longs = ArrayCodec.ofList(codecs.find(Long.class));
		assertSameBytes(longs, Arrays.asList(1L, null, Long.MIN_VALUE), "ARRAY[1, NULL, -9223372036854775808]::int8[]");
		assertSameBytes(longs, List.of(), "'{}'::int8[]");
		List<String> texts = new ArrayList<>(Arrays.asList("a", null, "", "\uD83D\uDE00"));
		assertSameBytes(ArrayCodec.ofList(codecs.find(String.class)), texts,
				"ARRAY['a', NULL, '', '\uD83D\uDE00']::text[]");
		assertSameBytes(ArrayCodec.ofArray(codecs.find(int.class), int.class), new int[] { 3, 2, 1 },
				"ARRAY[3, 2, 1]::int4[]");
		assertSameBytes(ArrayCodec.ofList(codecs.find(BigDecimal.class)),
				List.of(new BigDecimal("1.5"), new BigDecimal("-100000")), "ARRAY[1.5, -100000]::numeric[]");
		assertSameBytes(ArrayCodec.ofList(codecs.find(LocalDate.class)), List.of(LocalDate.of(1969, 7, 20)),
				"ARRAY['1969-07-20']::date[]");
		assertSameBytes(ArrayCodec.ofList(codecs.find(Colour.class)), List.of(Colour.GREEN, Colour.RED),
				"ARRAY['GREEN', 'RED']::text[]");
		assertSameBytes(ArrayCodec.ofList(codecs.find(Duration.class)), List.of(Duration.ofMinutes(90)),
				"ARRAY['90 minutes']::interval[]");
	}

	private static final int RANDOM_VALUES = 2000;

	/**
	 * Random values of each type, encoded here and by the server from their text form
	 * (one COPY per type): every payload must match byte for byte.
	 */
	@Test
	void shouldEncodeRandomValuesAsTheServerDoes() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		assertRandom(seed, BigDecimal.class, "numeric", () -> {
			BigDecimal decimal = new BigDecimal(new BigInteger(random.nextInt(1, 400), random),
					random.nextInt(-30, 60));
			return random.nextBoolean() ? decimal.negate() : decimal;
		}, BigDecimal::toPlainString);
		assertRandom(seed, Double.class, "float8", () -> Double.longBitsToDouble(random.nextLong()), String::valueOf);
		assertRandom(seed, Float.class, "float4", () -> Float.intBitsToFloat(random.nextInt()), String::valueOf);
		assertRandom(
				seed, Instant.class, "timestamptz", () -> Instant.EPOCH
					.plus(random.nextLong(-210_000_000_000_000_000L, 9_000_000_000_000_000L), ChronoUnit.MICROS),
				TemporalTexts::instant);
		assertRandom(seed, LocalDateTime.class, "timestamp",
				() -> LocalDateTime.ofEpochSecond(random.nextLong(-210_000_000_000L, 9_000_000_000_000L),
						random.nextInt(1_000_000) * 1000, java.time.ZoneOffset.UTC),
				TemporalTexts::dateTime);
		assertRandom(seed, LocalDate.class, "date", () -> LocalDate.ofEpochDay(random.nextLong(-2_400_000, 2_900_000)),
				TemporalTexts::date);
		assertRandom(seed, LocalTime.class, "time",
				() -> LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000), Object::toString);
		assertRandom(seed, Duration.class, "interval",
				() -> Duration.of(random.nextLong(-1L << 50, 1L << 50), ChronoUnit.MICROS),
				d -> IntervalCodecs.micros(d) + " microseconds");
		assertRandom(seed, String.class, "text", () -> randomText(random), t -> t.replace("'", "''"));
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(20);
		while (text.length() < length) {
			int codePoint = random.nextInt(1, Character.MAX_CODE_POINT + 1);
			if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	private static <T> void assertRandom(long seed, Class<T> type, String pgType, java.util.function.Supplier<T> values,
			java.util.function.Function<T, String> literal) throws Exception {
		List<T> generated = new ArrayList<>();
		StringBuilder select = new StringBuilder("SELECT v FROM (VALUES ");
		for (int i = 0; i < RANDOM_VALUES; i++) {
			T value = values.get();
			generated.add(value);
			select.append(i == 0 ? "" : ", ")
				.append("('")
				.append(literal.apply(value))
				.append("'::")
				.append(pgType)
				.append(')');
		}
		select.append(") t(v)");
		List<List<byte[]>> rows = BinaryCopy.copyOut(connection, select.toString());
		assertThat(rows).hasSize(RANDOM_VALUES);
		ValueCodec codec = codecs.find(type);
		for (int i = 0; i < RANDOM_VALUES; i++) {
			assertThat(BinaryCopy.encode(codec, generated.get(i))).as("seed %d: %s %s", seed, pgType, generated.get(i))
				.isEqualTo(rows.get(i).get(0));
		}
	}

}
