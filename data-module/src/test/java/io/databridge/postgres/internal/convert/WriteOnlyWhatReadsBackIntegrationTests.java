package io.databridge.postgres.internal.convert;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every value either reads back equal or fails on write with a message naming the column:
 * seeded random text (every Unicode plane, NUL, lone surrogates) and JSON documents (long
 * names, long numbers, nesting around Jackson's write limit of 1,000) through parameters
 * ({@code insert}) and binary COPY ({@code insertAll}); the seed is in every failure.
 */
class WriteOnlyWhatReadsBackIntegrationTests {

	private static final int SAMPLES = 120;

	static PgTemplate template;

	@Table("rb_doc")
	record Doc(@Id Long id, String text, @Jsonb Map<String, Object> doc) {
	}

	@Table("rb_counter")
	record Counter(@Id Long id, long hits, @Version Long version) {
	}

	@BeforeAll
	static void schema() {
		TestDatabase db = TestDatabase.shared();
		db.execute("CREATE TABLE rb_doc (id bigint PRIMARY KEY, text text, doc jsonb)");
		db.execute("CREATE TABLE rb_counter (id bigint PRIMARY KEY, hits integer NOT NULL, version bigint)");
		template = new PgTemplate(db.dataSource());
	}

	@BeforeEach
	void clean() {
		template.deleteAll(Doc.class);
	}

	@Test
	void randomTextAndJsonReadBackEqualOrFailOnWriteNamingTheColumn() {
		long seed = Long.getLong("readback.seed", System.nanoTime());
		Random random = new Random(seed);
		int written = 0;
		int refused = 0;
		for (int i = 0; i < SAMPLES; i++) {
			boolean copy = random.nextBoolean();
			Doc doc = new Doc((long) i, randomText(random, 40), randomDocument(random));
			String context = "seed " + seed + ", sample " + i + (copy ? " by COPY" : " by insert");
			if (store(doc, copy, context)) {
				written++;
				Optional<Doc> read = template.findById((long) i, Doc.class);
				assertThat(read).as(context).isPresent();
				assertThat(read.get().text()).as(context).isEqualTo(doc.text());
				assertThat(read.get().doc()).as(context).isEqualTo(doc.doc());
			}
			else {
				refused++;
				assertThat(template.findById((long) i, Doc.class)).as(context).isEmpty();
			}
		}
		assertThat(template.findAll(Doc.class)).hasSize(written);
		System.out.printf("read-back property (seed %d): %d written and read back equal, %d refused on write%n", seed,
				written, refused);
		assertThat(written).isPositive();
		assertThat(refused).isPositive();
	}

	@Test
	void longNamesAndNumbersBeyondJacksonsReadDefaultsReadBack() {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("k".repeat(60_000), 1);
		doc.put("n", new BigInteger("9".repeat(1_500)));
		doc.put("s", "x".repeat(30_000_000 / 1000));
		template.insert(new Doc(1L, "a", doc));
		template.insertAll(List.of(new Doc(2L, "b", doc)), Doc.class);
		assertThat(template.findAll(Doc.class)).hasSize(2).allSatisfy((read) -> assertThat(read.doc()).isEqualTo(doc));
	}

	@Test
	void nulAndLoneSurrogatesFailOnEveryPathNamingTheColumn() {
		for (String bad : List.of("a\u0000b", "a\uD800b", "a\uDC00", "\uD83D")) {
			assertRefused(() -> template.insert(new Doc(1L, bad, Map.of())), "\"text\"");
			assertRefused(() -> template.insertAll(List.of(new Doc(1L, bad, Map.of())), Doc.class), "\"text\"");
			assertRefused(() -> template.insert(new Doc(1L, "ok", Map.of("v", bad))), "\"doc\"");
			assertRefused(() -> template.insertAll(List.of(new Doc(1L, "ok", Map.of("v", bad))), Doc.class), "\"doc\"");
		}
		template.insert(new Doc(1L, "ok", Map.of()));
		assertRefused(() -> template.update(new Doc(1L, "x\u0000", Map.of())), "\"text\"");
		assertThat(template.findAll(Doc.class)).singleElement()
			.satisfies((doc) -> assertThat(doc.text()).isEqualTo("ok"));
	}

	@Test
	void versionedUpdateOverflowNamesTheColumn() {
		Counter saved = template.insert(new Counter(7L, 1, null));
		assertThatThrownBy(() -> template.update(new Counter(7L, 3_000_000_000L, saved.version())))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("\"hits\"")
			.hasMessageContaining("out of range for int4");
		assertThat(template.findById(7L, Counter.class)).get().extracting(Counter::hits).isEqualTo(1L);
	}

	private static boolean store(Doc doc, boolean copy, String context) {
		try {
			if (copy) {
				template.insertAll(List.of(doc), Doc.class);
			}
			else {
				template.insert(doc);
			}
			return true;
		}
		catch (DataAccessException | IllegalArgumentException ex) {
			assertThat(ex.getMessage()).as(context + ": " + ex).containsAnyOf("column \"text\"", "column \"doc\"");
			assertThat(ex.getMessage()).as(context + ": " + ex)
				.containsAnyOf("NUL", "surrogate", "nesting depth", "Surrogate");
			return false;
		}
	}

	private static void assertRefused(Runnable write, String column) {
		try {
			write.run();
			fail("written: expected a failure naming column " + column);
		}
		catch (DataAccessException | IllegalArgumentException ex) {
			assertThat(ex.getMessage()).contains("column " + column).containsAnyOf("NUL", "surrogate", "Surrogate");
		}
		assertThat(template.findAll(Doc.class)).noneMatch((doc) -> !"ok".equals(doc.text()));
	}

	/** Text from every plane, now and then a NUL or a lone surrogate. */
	static String randomText(Random random, int maxLength) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(maxLength);
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(200);
			if (kind == 0) {
				text.append('\u0000');
			}
			else if (kind == 1) {
				text.append((char) random.nextInt(0xD800, 0xE000));
			}
			else {
				int plane = random.nextInt(17);
				int codePoint;
				do {
					codePoint = (plane << 16) | random.nextInt(0x10000);
				}
				while (codePoint == 0 || (codePoint >= 0xD800 && codePoint < 0xE000));
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	/**
	 * A document with long names and numbers now and then, some nested to around 1,000.
	 */
	static Map<String, Object> randomDocument(Random random) {
		Map<String, Object> doc = new LinkedHashMap<>();
		int fields = random.nextInt(1, 5);
		for (int i = 0; i < fields; i++) {
			String name = random.nextInt(8) == 0 ? "n".repeat(random.nextInt(50_000, 70_000)) + i
					: "f" + i + randomText(random, 6).replace("\u0000", "");
			doc.put(name, randomValue(random));
		}
		if (random.nextInt(6) == 0) {
			doc.put("deep", nested(random.nextInt(900, 1_100)));
		}
		return doc;
	}

	private static Object randomValue(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> random.nextInt();
			case 1 -> new BigInteger("1" + digits(random, random.nextInt(20, 3_000)));
			case 2 -> randomText(random, 30);
			case 3 -> List.of(random.nextBoolean(), randomText(random, 5));
			default -> Map.of("inner", random.nextInt(100));
		};
	}

	private static String digits(Random random, int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return digits.toString();
	}

	private static Object nested(int depth) {
		Object value = "bottom";
		for (int i = 0; i < depth; i++) {
			value = Map.of("k", value);
		}
		return value;
	}

}
