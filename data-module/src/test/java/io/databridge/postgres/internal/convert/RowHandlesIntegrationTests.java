package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rows read through the compiled row handles: records, mutable classes with setters and
 * fields, constructors that mix both, SQL NULL into primitives, and {@code @Query}
 * layouts with missing or reordered columns. A type the handles cannot build still reads
 * through Spring Data's instantiator.
 */
class RowHandlesIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("rh_row")
	record Row(@Id Long id, long big, int small, boolean flag, double ratio, Long boxed, String name, BigDecimal amount,
			Instant at, UUID uid, @Jsonb String doc) {
	}

	@Table("rh_row")
	static class MutableRow {

		@Id
		Long id;

		private long big;

		private String name;

		int small;

		public long getBig() {
			return this.big;
		}

		public void setBig(long big) {
			this.big = big;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	@Table("rh_row")
	static class MixedRow {

		@Id
		final Long id;

		final String name;

		int small;

		MixedRow(Long id, String name) {
			this.id = id;
			this.name = name;
		}

	}

	@Table("rh_bad")
	record BadRow(@Id Long id, int small, UUID uid) {
	}

	@Table("rh_row")
	record WithTransient(@Id Long id, String name, @Transient String extra) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE rh_row (id bigint PRIMARY KEY, big bigint, small int, flag boolean, ratio float8,
				  boxed bigint, name text, amount numeric(12,2), at timestamptz, uid uuid, doc jsonb);
				INSERT INTO rh_row VALUES
				  (1, 9000000000, 7, true, 0.5, 11, 'ann', 12.34, '2026-01-02T03:04:05Z',
				   '00000000-0000-0000-0000-000000000001', '{"a": 1}'),
				  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
				CREATE TABLE rh_bad (id bigint PRIMARY KEY, small text, uid text);
				INSERT INTO rh_bad VALUES (1, 'abc', '00000000-0000-0000-0000-000000000001'), (2, '5', 'not-a-uuid');
				""");
		template = new PgTemplate(db.dataSource());
	}

	@Test
	void shouldCompileEveryShapeItCanBuild() {
		assertThat(template.unwrap(RepositorySupport.class).statements(Row.class).reader().isCompiled()).isTrue();
		assertThat(template.unwrap(RepositorySupport.class).statements(MutableRow.class).reader().isCompiled())
			.isTrue();
		assertThat(template.unwrap(RepositorySupport.class).statements(MixedRow.class).reader().isCompiled()).isTrue();
		assertThat(template.unwrap(RepositorySupport.class).statements(WithTransient.class).reader().isCompiled())
			.isFalse();
	}

	@Test
	void shouldReadARecordWithEveryColumnType() {
		assertThat(template.findById(1L, Row.class)).contains(new Row(1L, 9_000_000_000L, 7, true, 0.5, 11L, "ann",
				new BigDecimal("12.34"), Instant.parse("2026-01-02T03:04:05Z"),
				UUID.fromString("00000000-0000-0000-0000-000000000001"), "{\"a\": 1}"));
	}

	@Test
	void shouldNameTheColumnThatCannotBeReadInACompiledRow() {
		assertThat(template.unwrap(RepositorySupport.class).statements(BadRow.class).reader().isCompiled()).isTrue();
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> template.findById(1L, BadRow.class))
			.withMessageContaining("column \"small\"");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> template.findById(2L, BadRow.class))
			.withMessageContaining("column \"uid\"");
	}

	@Test
	void shouldReadSqlNullAsThePrimitiveDefault() {
		assertThat(template.findById(2L, Row.class))
			.contains(new Row(2L, 0L, 0, false, 0.0, null, null, null, null, null, null));
	}

	@Test
	void shouldSetPropertiesThroughSettersAndFields() {
		List<MutableRow> rows = template.findAll(MutableRow.class);
		MutableRow first = rows.stream().filter(r -> r.id == 1L).findFirst().orElseThrow();
		assertThat(first.getBig()).isEqualTo(9_000_000_000L);
		assertThat(first.getName()).isEqualTo("ann");
		assertThat(first.small).isEqualTo(7);
	}

	@Test
	void shouldCombineConstructorAndFieldWrites() {
		MixedRow row = template.findById(1L, MixedRow.class).orElseThrow();
		assertThat(row.id).isEqualTo(1L);
		assertThat(row.name).isEqualTo("ann");
		assertThat(row.small).isEqualTo(7);
	}

	@Test
	void shouldFallBackToTheInstantiatorForUnmappedConstructorParameters() {
		assertThat(template.findById(1L, WithTransient.class)).contains(new WithTransient(1L, "ann", null));
	}

	@Test
	void shouldMatchQueryColumnsByLabelInAnyOrderAndLeaveMissingOnesEmpty() {
		for (int i = 0; i < 3; i++) {
			assertThat(template.query("SELECT name, small, id FROM rh_row WHERE id = ?", Row.class, 1L))
				.containsExactly(new Row(1L, 0L, 7, false, 0.0, null, "ann", null, null, null, null));
		}
		assertThat(template.query("SELECT id, big FROM rh_row WHERE id = ?", Row.class, 1L))
			.containsExactly(new Row(1L, 9_000_000_000L, 0, false, 0.0, null, null, null, null, null, null));
	}

}
