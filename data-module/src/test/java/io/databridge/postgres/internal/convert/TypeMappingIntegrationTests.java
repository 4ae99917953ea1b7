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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.PgConverters;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mapping, round-tripped through each write path (PgTemplate.save, binary COPY with
 * the column codecs, a native INSERT with bound parameters) and read back by findById and
 * by a query on each column with the value as a bound parameter; edge values in four
 * rows.
 */
class TypeMappingIntegrationTests {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static TestDatabase db;

	static PgTemplate template;

	static PgPersistentEntity<AllTypes> entity;

	enum Mood {

		SAD, OK, HAPPY

	}

	record Money(BigDecimal amount) {
	}

	record Doc(String name, List<Integer> values, Map<String, Doc> children, Instant at) {
	}

	@Table("typ_all")
	record AllTypes(@Id Long id, boolean flag, Boolean flagW, short shortV, Short shortW, int intV, Integer intW,
			long longV, Long longW, float floatV, Float floatW, double doubleV, Double doubleW, BigDecimal num,
			BigInteger bigInt, String txt, String vchar, char ch, Character chW, byte[] bytes, UUID uuid,
			LocalDate date, LocalTime time, LocalDateTime ts, Instant tstz, OffsetDateTime odt, Duration dur,
			Period per, JsonNode node, Map<String, Object> map, @Jsonb Doc doc, @Jsonb List<Doc> docs,
			@Jsonb Doc docJson, Mood mood, Mood pgMood, List<Mood> moods, Mood[] moodsText, Money money,
			List<Long> longs, Integer[] ints, List<Short> shorts, List<String> texts, List<Boolean> bools,
			double[] doubles, List<Float> floats, List<BigDecimal> nums, List<UUID> uuids, List<Instant> instants,
			List<LocalDateTime> ldts, List<LocalDate> dates, List<LocalTime> times, List<byte[]> blobs,
			List<JsonNode> nodes, List<Duration> durations, String[] strings, List<Money> monies) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TYPE typ_mood AS ENUM ('SAD', 'OK', 'HAPPY');
				CREATE TABLE typ_all (id bigint PRIMARY KEY, flag boolean NOT NULL, flag_w boolean,
				  short_v smallint NOT NULL, short_w smallint, int_v int NOT NULL, int_w int,
				  long_v bigint NOT NULL, long_w bigint, float_v real NOT NULL, float_w real,
				  double_v double precision NOT NULL, double_w double precision, num numeric, big_int numeric,
				  txt text, vchar varchar(200), ch char(1) NOT NULL, ch_w text, bytes bytea, uuid uuid,
				  date date, time time, ts timestamp, tstz timestamptz, odt timestamptz, dur interval, per interval,
				  node jsonb, map jsonb, doc jsonb, docs jsonb, doc_json json, mood text, pg_mood typ_mood,
				  moods typ_mood[], moods_text text[], money numeric(20, 2), longs bigint[], ints int[],
				  shorts smallint[], texts text[], bools boolean[], doubles float8[], floats real[], nums numeric[],
				  uuids uuid[], instants timestamptz[], ldts timestamp[], dates date[], times time[], blobs bytea[],
				  nodes jsonb[], durations interval[], strings varchar[], monies numeric[]);
				""");
		PgConverters converters = PgConverters.builder()
			.writing(Money.class, BigDecimal.class, Money::amount)
			.reading(BigDecimal.class, Money.class, Money::new)
			.build();
		template = new PgTemplate(new JdbcTemplate(db.dataSource()), new PgMappingContext(),
				new ValueCodecs(converters, MAPPER));
		entity = template.unwrap(PgMappingContext.class).entity(AllTypes.class);
	}

	@BeforeEach
	void clean() {
		template.deleteAll(AllTypes.class);
	}

	static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

	static byte[] allBytes() {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	/** Minimum values, empty strings, empty arrays, timestamps before 1970. */
	static AllTypes min(long id) {
		Instant at = Instant.parse("1901-12-13T20:45:52.000001Z");
		return new AllTypes(id, false, false, Short.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE,
				Long.MIN_VALUE, Long.MIN_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
				new BigDecimal("-123456789012345678901234567890"), BigInteger.TEN.pow(40).add(BigInteger.ONE).negate(),
				"", "", 'Z', 'a', new byte[0], new UUID(0, 0), LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT,
				LocalDateTime.parse("1900-01-01T00:00:00"), at, OffsetDateTime.parse("1950-06-01T10:00:00+05:30"),
				Duration.ofSeconds(-90061, 500_000_000), Period.of(-1, -2, -3), json("{}"), Map.of(),
				new Doc("", List.of(), Map.of(), at), List.of(), new Doc("", List.of(), Map.of(), at), Mood.SAD,
				Mood.SAD, List.of(), new Mood[0], new Money(new BigDecimal("-999999999999999999.99")), List.of(),
				new Integer[0], List.of(), List.of(), List.of(), new double[0], List.of(), List.of(), List.of(),
				List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), new String[0], List.of());
	}

	/**
	 * Maximum values, 4-byte unicode, nested JSON, arrays with nulls, timestamps after
	 * 2038.
	 */
	static AllTypes max(long id) {
		String unicode = "\uD83D\uDE00 \uD834\uDD1E ü € \" ' \\ , { } NULL";
		Instant late = Instant.parse("2262-04-11T23:47:16.854775Z");
		Doc leaf = new Doc("leaf \uD83D\uDE00", List.of(1, 2, 3), Map.of(), late);
		Doc nested = new Doc("root", List.of(Integer.MAX_VALUE),
				Map.of("child", new Doc("mid", List.of(), Map.of("leaf", leaf), late)), late);
		return new AllTypes(id, true, true, Short.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
				Long.MAX_VALUE, Long.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
				new BigDecimal("12345678901234567890.1234567890"), BigInteger.TEN.pow(40), unicode, "ü€\uD83D\uDE00",
				'€', 'é', allBytes(), new UUID(-1, -1), LocalDate.of(9999, 12, 31), LocalTime.parse("23:59:59.999999"),
				LocalDateTime.parse("2100-12-31T23:59:59.999999"), late,
				OffsetDateTime.parse("2040-02-29T23:00:00.123456-08:00"), Duration.ofDays(10_000).plusNanos(1000),
				Period.of(100, 11, 30),
				json("{\"a\": {\"b\": [1, 2.5, null, true, {\"c\": \"\uD83D\uDE00\"}]}, \"n\": null}"),
				Map.of("a", 1, "b", List.of("x", Map.of("deep", List.of(1, 2))), "c", Map.of("d", true)), nested,
				List.of(nested, leaf), nested, Mood.HAPPY, Mood.HAPPY, Arrays.asList(Mood.HAPPY, null, Mood.SAD),
				new Mood[] { Mood.OK, null }, new Money(new BigDecimal("999999999999999999.99")),
				Arrays.asList(Long.MAX_VALUE, null, Long.MIN_VALUE), new Integer[] { 1, null, Integer.MIN_VALUE },
				Arrays.asList((Short) null), Arrays.asList("", null, unicode, "a,b", "{x}", "\"q\"", "NULL"),
				Arrays.asList(true, null, false),
				new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -Double.MAX_VALUE },
				Arrays.asList(1.5f, null, Float.NaN),
				Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-0.00000000000000000001"),
						new BigDecimal("123456789012345678901234567890")),
				Arrays.asList(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), null),
				Arrays.asList(Instant.parse("1969-07-20T20:17:40Z"), null, late, Instant.parse("-0100-01-01T12:00:00Z"),
						Instant.parse("-0004-02-29T23:59:59.999999Z")),
				Arrays.asList(LocalDateTime.parse("1899-12-31T23:59:59"), null,
						LocalDateTime.parse("2038-01-19T03:14:08"), LocalDateTime.parse("-0001-12-31T23:59:59.5"),
						LocalDateTime.parse("-0004-02-29T00:00:01")),
				Arrays.asList(LocalDate.of(1, 1, 1), null, LocalDate.of(2100, 2, 28), LocalDate.of(-43, 3, 15),
						LocalDate.of(0, 2, 29), LocalDate.of(12_345, 6, 7)),
				Arrays.asList(LocalTime.MIDNIGHT, null, LocalTime.parse("23:59:59.999999")),
				Arrays.asList(allBytes(), null, new byte[0]),
				Arrays.asList(json("{\"x\": [1, {\"y\": null}]}"), null, json("null"), json("\"text\"")),
				Arrays.asList(Duration.ofMillis(-1500), null, Duration.ofHours(36)), new String[] { "x", null, "" },
				Arrays.asList(new Money(new BigDecimal("0.10")), null));
	}

	/** NaN and infinities, tiny and zero numbers, whitespace. */
	static AllTypes special(long id) {
		AllTypes m = max(id);
		return new AllTypes(id, true, null, (short) 0, (short) -1, 0, -1, 0, -1L, Float.NaN, Float.NEGATIVE_INFINITY,
				Double.POSITIVE_INFINITY, Double.NaN, new BigDecimal("-0.000000000000000000000000000001"),
				BigInteger.ZERO, "  spaces  \t\n", " ", 'x', ' ', new byte[] { 0 }, UUID.randomUUID(),
				LocalDate.of(1970, 1, 1), LocalTime.NOON, LocalDateTime.parse("1970-01-01T00:00:00"), Instant.EPOCH,
				OffsetDateTime.parse("2000-01-01T00:00:00Z"), Duration.ZERO, Period.ZERO, json("[]"),
				Map.of("list", List.of()), m.doc(), m.docs(), m.doc(), Mood.OK, Mood.OK, List.of(Mood.OK),
				new Mood[] { Mood.SAD }, new Money(new BigDecimal("0.00")), Arrays.asList((Long) null),
				new Integer[] { null }, List.of((short) 7), Arrays.asList((String) null), List.of(false),
				new double[] { -0.0 }, List.of(Float.POSITIVE_INFINITY), List.of(BigDecimal.ZERO), m.uuids(),
				m.instants(), m.ldts(), m.dates(), m.times(), m.blobs(), m.nodes(), m.durations(), m.strings(),
				m.monies());
	}

	/** Every nullable property null. */
	static AllTypes nulls(long id) {
		return new AllTypes(id, false, null, (short) 0, null, 0, null, 0, null, 0f, null, 0d, null, null, null, null,
				null, 'N', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null);
	}

	static List<AllTypes> rows(long base) {
		return List.of(min(base + 1), max(base + 2), special(base + 3), nulls(base + 4));
	}

	@Test
	void shouldRoundTripEveryMappingThroughSave() {
		List<AllTypes> rows = rows(100);
		rows.forEach(template::save);
		assertReadBack(rows);
	}

	@Test
	void shouldRoundTripEveryMappingThroughBinaryCopy() throws Exception {
		List<AllTypes> rows = rows(200);
		try (Connection connection = db.openConnection()) {
			ValueCodec[] codecs = template.unwrap(ValueCodecs.class).forColumns(entity, connection);
			assertThat(BinaryCopy.copyIn(connection, entity, codecs, rows)).isEqualTo(rows.size());
		}
		assertReadBack(rows);
	}

	@Test
	void shouldRoundTripEveryMappingThroughNativeSqlParameters() {
		List<AllTypes> rows = rows(300);
		List<PgPersistentProperty> columns = entity.columns();
		String sql = "INSERT INTO typ_all ("
				+ columns.stream().map(PgPersistentProperty::columnName).collect(Collectors.joining(", "))
				+ ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") RETURNING *";
		for (AllTypes row : rows) {
			List<Object> args = new ArrayList<>();
			for (PgPersistentProperty property : columns) {
				args.add(argument(property, entity.getPropertyAccessor(row).getProperty(property)));
			}
			List<AllTypes> inserted = template.query(sql, AllTypes.class, args.toArray());
			assertThat(inserted).hasSize(1);
			assertThat(values(inserted.get(0))).isEqualTo(values(row));
		}
		assertReadBack(rows);
	}

	/** Values as native SQL arguments: JSON documents of POJOs as Jackson trees. */
	private static Object argument(PgPersistentProperty property, Object value) {
		return property.isJsonb() && value != null ? MAPPER.valueToTree(value) : value;
	}

	private static void assertReadBack(List<AllTypes> rows) {
		for (AllTypes row : rows) {
			AllTypes read = template.findById(row.id(), AllTypes.class).orElseThrow();
			assertThat(values(read)).as("row %d by id", row.id()).isEqualTo(values(row));
			PersistentPropertyAccessor<AllTypes> accessor = entity.getPropertyAccessor(row);
			for (PgPersistentProperty property : entity.columns()) {
				Object value = accessor.getProperty(property);
				if (value == null || property.columnName().equals("doc_json")) {
					continue; // json has no equality operator
				}
				List<AllTypes> found = template.query(
						"SELECT * FROM typ_all WHERE id = ? AND " + property.columnName() + " = ?", AllTypes.class,
						row.id(), argument(property, value));
				assertThat(found).as("row %d by %s = %s", row.id(), property.columnName(), value).hasSize(1);
				assertThat(values(found.get(0))).isEqualTo(values(row));
			}
		}
	}

	/**
	 * Column name to a comparable value: arrays as lists, offset date-times as instants.
	 */
	private static Map<String, Object> values(AllTypes row) {
		PersistentPropertyAccessor<AllTypes> accessor = entity.getPropertyAccessor(row);
		Map<String, Object> values = new LinkedHashMap<>();
		for (PgPersistentProperty property : entity.columns()) {
			values.put(property.columnName(), comparable(accessor.getProperty(property)));
		}
		return values;
	}

	private static Object comparable(Object value) {
		if (value instanceof OffsetDateTime odt) {
			return odt.toInstant();
		}
		if (value instanceof byte[] bytes) {
			return "bytes " + Arrays.toString(bytes);
		}
		if (value instanceof double[] doubles) {
			return Arrays.stream(doubles).boxed().map(d -> (Object) d).toList();
		}
		if (value instanceof Object[] array) {
			return Arrays.stream(array).map(TypeMappingIntegrationTests::comparable).collect(Collectors.toList());
		}
		if (value instanceof List<?> list) {
			return list.stream().map(TypeMappingIntegrationTests::comparable).collect(Collectors.toList());
		}
		return value;
	}

}
