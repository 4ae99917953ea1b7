package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Codecs fitted to the declared column types: Java types wider or narrower than the
 * column, range checks before anything is sent (parameters and COPY), JSON text into
 * json/jsonb, and failures that name the column.
 */
class ColumnFittingIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("fit_narrow")
	record Narrow(@Id Long id, Long asInt, Integer asShort, Long asNumeric, Double asReal, Float asDouble,
			Integer asBigint, String asJsonb, String asJson, Double asNumericD) {
	}

	@Table("fit_loose")
	record Loose(@Id Long id, UUID code, Long amount, String count) {
	}

	@Table("fit_read")
	record Readback(@Id Long id, Character letter, Duration span, @Jsonb Point point) {
	}

	record Point(int x, int y) {
	}

	@Table("fit_domain")
	record Domained(@Id Long id, Long qty, String code, Set<Integer> scores) {
	}

	@Table("fit_raw")
	record RawJson(@Id Long id, @Jsonb String doc, @Jsonb String docJson) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE fit_narrow (id bigint PRIMARY KEY, as_int int, as_short smallint, as_numeric numeric,
				  as_real real, as_double double precision, as_bigint bigint, as_jsonb jsonb, as_json json,
				  as_numeric_d numeric);
				CREATE TABLE fit_loose (id bigint PRIMARY KEY, code text, amount varchar(20), count int);
				CREATE TABLE fit_read (id bigint PRIMARY KEY, letter text, span interval, point jsonb);
				CREATE TABLE fit_raw (id bigint PRIMARY KEY, doc jsonb, doc_json json);
				CREATE DOMAIN fit_positive AS int CHECK (VALUE > 0);
				CREATE DOMAIN fit_code AS varchar(10);
				CREATE DOMAIN fit_scores AS smallint[];
				CREATE TABLE fit_domain (id bigint PRIMARY KEY, qty fit_positive, code fit_code, scores fit_scores);
				""");
		template = new PgTemplate(db.dataSource());
	}

	@BeforeEach
	void clean() {
		template.deleteAll(Narrow.class);
		template.deleteAll(Readback.class);
	}

	static Narrow inRange(long id) {
		return new Narrow(id, (long) Integer.MIN_VALUE, (int) Short.MAX_VALUE, Long.MAX_VALUE, 1.5, 2.25f, -7,
				"{\"a\": [1, 2]}", "{\"b\":  true}", 0.1);
	}

	@Test
	void shouldWriteJavaTypesInTheColumnsWidthThroughSaveAndCopy() throws Exception {
		Narrow saved = inRange(1);
		template.save(saved);
		Narrow copied = inRange(2);
		PgPersistentEntity<Narrow> entity = template.unwrap(PgMappingContext.class).entity(Narrow.class);
		try (Connection connection = db.openConnection()) {
			BinaryCopy.copyIn(connection, entity, template.unwrap(ValueCodecs.class).forColumns(entity, connection),
					List.of(copied));
		}
		for (Narrow expected : List.of(saved, copied)) {
			Narrow read = template.findById(expected.id(), Narrow.class).orElseThrow();
			assertThat(read).usingRecursiveComparison().ignoringFields("asJsonb", "asJson").isEqualTo(expected);
			assertThat(read.asJsonb()).isEqualTo("{\"a\": [1, 2]}");
			assertThat(read.asJson()).isEqualTo("{\"b\":  true}");
		}
	}

	@Test
	void shouldRefuseIntegerOverflowBeforeSendingNamingTheColumn() {
		Narrow tooBig = new Narrow(3L, 3_000_000_000L, null, null, null, null, null, null, null, null);
		assertThatThrownBy(() -> template.save(tooBig)).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("\"as_int\"")
			.hasMessageContaining("Narrow.asInt")
			.hasMessageContaining("3000000000")
			.hasMessageContaining("int4");
		Narrow shortOverflow = new Narrow(4L, null, 40_000, null, null, null, null, null, null, null);
		assertThatThrownBy(() -> template.save(shortOverflow)).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("\"as_short\"");
		Narrow realOverflow = new Narrow(5L, null, null, null, 1e300, null, null, null, null, null);
		assertThatThrownBy(() -> template.save(realOverflow)).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("\"as_real\"");
		assertThat(template.count(Narrow.class)).isZero();
	}

	@Test
	void shouldRefuseIntegerOverflowInBinaryCopyNamingTheColumn() throws Exception {
		PgPersistentEntity<Narrow> entity = template.unwrap(PgMappingContext.class).entity(Narrow.class);
		try (Connection connection = db.openConnection()) {
			ValueCodec[] codecs = template.unwrap(ValueCodecs.class).forColumns(entity, connection);
			Narrow tooSmall = new Narrow(6L, Integer.MIN_VALUE - 1L, null, null, null, null, null, null, null, null);
			assertThatThrownBy(() -> BinaryCopy.copyIn(connection, entity, codecs, List.of(tooSmall)))
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("\"as_int\"")
				.hasMessageContaining("-2147483649");
		}
		assertThat(template.count(Narrow.class)).isZero();
	}

	@Test
	void shouldWriteAnyValueToATextColumnAndRefuseBinaryFormatsTheColumnCannotRead() throws Exception {
		PgPersistentEntity<Loose> entity = template.unwrap(PgMappingContext.class).entity(Loose.class);
		UUID uuid = UUID.randomUUID();
		Loose saved = new Loose(1L, uuid, 42L, null);
		Loose copied = new Loose(2L, uuid, -42L, null);
		template.save(saved);
		try (Connection connection = db.openConnection()) {
			ValueCodec[] codecs = template.unwrap(ValueCodecs.class).forColumns(entity, connection);
			BinaryCopy.copyIn(connection, entity, codecs, List.of(copied));
			Loose wrong = new Loose(3L, null, null, "many");
			assertThatThrownBy(() -> BinaryCopy.copyIn(connection, entity, codecs, List.of(wrong)))
				.isInstanceOf(InvalidDataAccessApiUsageException.class)
				.hasMessageContaining("Loose.count")
				.hasMessageContaining("\"count\"")
				.hasMessageContaining("int4")
				.hasMessageContaining("java.lang.String");
		}
		assertThat(template.getJdbcOperations()
			.queryForList("SELECT code || '/' || amount FROM fit_loose ORDER BY id", String.class))
			.containsExactly(uuid + "/42", uuid + "/-42");
		assertThatThrownBy(() -> template.save(new Loose(4L, null, null, "many")))
			.isInstanceOf(BadSqlGrammarException.class)
			.hasMessageContaining("count");
	}

	@Test
	void shouldNameTheColumnWhenAStoredValueCannotBeConverted() {
		db.execute("INSERT INTO fit_read VALUES (1, 'abc', NULL, NULL), (2, NULL, '1 mon', NULL),"
				+ " (3, NULL, NULL, '{\"x\": \"not a number\"}')");
		assertThatThrownBy(() -> template.findById(1L, Readback.class))
			.isInstanceOf(DataRetrievalFailureException.class)
			.hasMessageContaining("\"letter\"")
			.hasMessageContaining("Readback.letter")
			.hasMessageContaining("'abc'");
		assertThatThrownBy(() -> template.findById(2L, Readback.class))
			.isInstanceOf(DataRetrievalFailureException.class)
			.hasMessageContaining("\"span\"")
			.hasMessageContaining("java.time.Period");
		assertThatThrownBy(() -> template.query("SELECT * FROM fit_read WHERE id = ?", Readback.class, 3L))
			.isInstanceOf(DataRetrievalFailureException.class)
			.hasMessageContaining("\"point\"")
			.hasMessageContaining("Readback.point");
		db.execute("DELETE FROM fit_read");
	}

	@Test
	void shouldBindMapsAndJsonTextAsJsonbArguments() {
		template.save(inRange(7));
		assertThat(
				template.query("SELECT * FROM fit_narrow WHERE as_jsonb = ?", Narrow.class, Map.of("a", List.of(1, 2))))
			.extracting(Narrow::id)
			.containsExactly(7L);
		assertThat(template.query("SELECT * FROM fit_narrow WHERE as_numeric = ?", Narrow.class,
				new BigDecimal(Long.MAX_VALUE)))
			.hasSize(1);
	}

	@Test
	void shouldPassJsonTextOfJsonbStringPropertiesThrough() throws Exception {
		RawJson saved = new RawJson(1L, "{\"a\": [1, {\"b\": null}]}", "{\"keep\":   \"spacing\"}");
		RawJson copied = new RawJson(2L, "[]", "null");
		template.save(saved);
		PgPersistentEntity<RawJson> entity = template.unwrap(PgMappingContext.class).entity(RawJson.class);
		try (Connection connection = db.openConnection()) {
			BinaryCopy.copyIn(connection, entity, template.unwrap(ValueCodecs.class).forColumns(entity, connection),
					List.of(copied));
		}
		assertThat(template.findById(1L, RawJson.class)).contains(saved);
		assertThat(template.findById(2L, RawJson.class)).contains(copied);
		assertThat(template.query("SELECT * FROM fit_raw WHERE doc @> ?::jsonb", RawJson.class, "{\"a\": [1]}"))
			.containsExactly(saved);
	}

	@Test
	void shouldWriteToDomainColumnsAsToTheirBaseTypes() throws Exception {
		Domained saved = new Domained(1L, 5L, "abc", new LinkedHashSet<>(List.of(2, 1)));
		Domained copied = new Domained(2L, 7L, "xyz", Set.of(-3));
		template.save(saved);
		PgPersistentEntity<Domained> entity = template.unwrap(PgMappingContext.class).entity(Domained.class);
		try (Connection connection = db.openConnection()) {
			ValueCodec[] codecs = template.unwrap(ValueCodecs.class).forColumns(entity, connection);
			BinaryCopy.copyIn(connection, entity, codecs, List.of(copied));
			assertThatThrownBy(() -> BinaryCopy.copyIn(connection, entity, codecs,
					List.of(new Domained(3L, 1L << 40, null, null))))
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("\"qty\"");
		}
		assertThat(template.findById(1L, Domained.class)).contains(saved);
		assertThat(template.findById(2L, Domained.class)).contains(copied);
		assertThatThrownBy(() -> template.save(new Domained(4L, -1L, null, null)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

}
