package io.databridge.postgres.bulk;

import java.util.stream.LongStream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk rows match what {@code save()} writes: a {@code @Version} starts where save()
 * starts it (so a NOT NULL version column works), and values are fitted to the declared
 * column types (a {@code long} into an {@code integer} column works while it fits; a
 * value that does not fit fails naming the column and the row, and nothing is written).
 */
class BulkInsertRowsMatchSaveIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("match_versioned")
	record Versioned(@Id Long id, @Version Long version, String name) {
	}

	@Table("match_primitive_version")
	record PrimitiveVersioned(@Id Long id, @Version int version) {
	}

	@Table("match_narrow")
	record Narrow(@Id Long id, long n) {
	}

	@BeforeAll
	static void setUp() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE match_versioned (id bigint PRIMARY KEY, version bigint NOT NULL, name text NOT NULL);
				CREATE TABLE match_primitive_version (id bigint PRIMARY KEY, version int NOT NULL);
				CREATE TABLE match_narrow (id bigint PRIMARY KEY, n integer NOT NULL);
				""");
		template = new PgTemplate(db.dataSource());
	}

	@BeforeEach
	void clean() {
		db.execute("TRUNCATE match_versioned, match_primitive_version, match_narrow");
	}

	@Test
	void shouldStartVersionsWhereSaveStartsThemInANotNullColumn() {
		long written = template.insertAll(
				LongStream.rangeClosed(1, 10_000).mapToObj(i -> new Versioned(i, null, "v" + i)).toList(),
				Versioned.class);
		Versioned saved = template.insert(new Versioned(20_000L, null, "saved"));

		assertThat(written).isEqualTo(10_000);
		assertThat(db.queryForString(
				"SELECT string_agg(DISTINCT version::text, ',') FROM match_versioned " + "WHERE id <= 10000"))
			.as("bulk rows")
			.isEqualTo(String.valueOf(saved.version()));
		assertThat(
				template.insertAll(LongStream.rangeClosed(1, 100).mapToObj(i -> new PrimitiveVersioned(i, 0)).toList(),
						PrimitiveVersioned.class))
			.isEqualTo(100);
		assertThat(db.queryForString("SELECT string_agg(DISTINCT version::text, ',') FROM match_primitive_version"))
			.as("a primitive version starts at 1, as save() starts it")
			.isEqualTo("1");
	}

	@Test
	void shouldWriteLongsThatFitIntoAnIntegerColumn() {
		long written = template
			.insertAll(LongStream.rangeClosed(1, 10_000).mapToObj(i -> new Narrow(i, i * 1000)).toList(), Narrow.class);

		assertThat(written).isEqualTo(10_000);
		assertThat(db.queryForString("SELECT sum(n) FROM match_narrow"))
			.isEqualTo(String.valueOf(LongStream.rangeClosed(1, 10_000).map(i -> i * 1000).sum()));
	}

	@Test
	void shouldFailNamingTheColumnAndTheRowOfAValueThatDoesNotFitAndWriteNothing() {
		assertThatThrownBy(() -> template.insertAll(
				LongStream.rangeClosed(0, 9_999).mapToObj(i -> new Narrow(i, i == 7_777 ? 3_000_000_000L : i)).toList(),
				Narrow.class))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("match_narrow")
			.hasMessageContaining("row 7777")
			.hasMessageContaining("3000000000")
			.hasMessageContaining("column \"n\"");
		assertThat(db.queryForString("SELECT count(*) FROM match_narrow")).isEqualTo("0");
	}

}
