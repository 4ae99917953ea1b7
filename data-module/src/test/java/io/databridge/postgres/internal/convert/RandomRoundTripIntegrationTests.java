package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random values through both write paths (parameters and binary COPY), read back
 * by id and by a query on each column; the seed is printed in every failure message.
 */
class RandomRoundTripIntegrationTests {

	private static final int ROWS = 400;

	static TestDatabase db;

	static PgTemplate template;

	@Table("rnd_row")
	record RandomRow(@Id Long id, BigDecimal num, Double dbl, Float flt, Instant at, LocalDateTime ldt, LocalDate day,
			String text, Duration dur, List<Long> longs, List<String> texts) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE rnd_row (id bigint PRIMARY KEY, num numeric, dbl float8, flt float4, at timestamptz,
				  ldt timestamp, day date, text text, dur interval, longs bigint[], texts text[]);
				""");
		template = new PgTemplate(db.dataSource());
	}

	/** A random row; temporal values from about 1200 BC to 9999 AD. */
	static RandomRow random(Random random, long id) {
		BigDecimal num = new BigDecimal(new BigInteger(random.nextInt(1, 300), random), random.nextInt(-20, 50));
		double dbl = Double.longBitsToDouble(random.nextLong());
		float flt = Float.intBitsToFloat(random.nextInt());
		Instant at = Instant.EPOCH.plus(random.nextLong(-100_000_000_000_000_000L, 9_000_000_000_000_000L),
				ChronoUnit.MICROS);
		LocalDateTime ldt = LocalDateTime.ofEpochSecond(random.nextLong(-100_000_000_000L, 250_000_000_000L),
				random.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
		LocalDate day = LocalDate.ofEpochDay(random.nextLong(-1_500_000, 2_900_000));
		Duration dur = Duration.of(random.nextLong(-1L << 50, 1L << 50), ChronoUnit.MICROS);
		List<Long> longs = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (int i = random.nextInt(5); i > 0; i--) {
			longs.add(random.nextInt(4) == 0 ? null : random.nextLong());
			texts.add(random.nextInt(4) == 0 ? null : text(random));
		}
		return new RandomRow(id, random.nextBoolean() ? num.negate() : num, dbl, flt, at, ldt, day, text(random), dur,
				longs, texts);
	}

	static String text(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(12);
		while (text.length() < length) {
			int codePoint = switch (random.nextInt(4)) {
				case 0 -> random.nextInt(1, 0x80);
				case 1 -> "\\\"{},' NUL".charAt(random.nextInt(10));
				case 2 -> random.nextInt(0x80, 0xD800);
				default -> random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

	@Test
	void shouldRoundTripRandomValuesThroughParametersAndCopy() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<RandomRow> saved = new ArrayList<>();
		List<RandomRow> copied = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			(i % 2 == 0 ? saved : copied).add(random(random, i));
		}
		template.saveAll(saved);
		PgPersistentEntity<RandomRow> entity = template.unwrap(PgMappingContext.class).entity(RandomRow.class);
		try (Connection connection = db.openConnection()) {
			BinaryCopy.copyIn(connection, entity, template.unwrap(ValueCodecs.class).forColumns(entity, connection),
					copied);
		}
		List<RandomRow> expected = new ArrayList<>(saved);
		expected.addAll(copied);
		expected.sort(Comparator.comparing(RandomRow::id));
		List<RandomRow> read = template.findAll(RandomRow.class, org.springframework.data.domain.Sort.by("id"));
		assertThat(read).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(read.get(i)).as("seed %d, row %d", seed, i)
				.usingRecursiveComparison()
				.withEqualsForType(Double::equals, Double.class)
				.withEqualsForType(Float::equals, Float.class)
				// numeric has no negative scale: 1.2E+5 reads back as 120000
				.withEqualsForType((a, b) -> a.compareTo(b) == 0 && a.scale() == Math.max(b.scale(), 0),
						BigDecimal.class)
				.isEqualTo(expected.get(i));
		}
		for (RandomRow row : expected.subList(0, 40)) {
			Object[] values = { row.num(), row.dbl(), row.flt(), row.at(), row.ldt(), row.day(), row.text(), row.dur(),
					row.longs(), row.texts() };
			String[] columns = { "num", "dbl", "flt", "at", "ldt", "day", "text", "dur", "longs", "texts" };
			for (int c = 0; c < columns.length; c++) {
				assertThat(template.query("SELECT * FROM rnd_row WHERE id = ? AND " + columns[c] + " = ?",
						RandomRow.class, row.id(), values[c]))
					.as("seed %d, %s = %s", seed, columns[c], values[c])
					.extracting(RandomRow::id)
					.containsExactly(row.id());
			}
		}
	}

}
