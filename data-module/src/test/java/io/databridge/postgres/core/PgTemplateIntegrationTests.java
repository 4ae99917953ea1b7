package io.databridge.postgres.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.databridge.postgres.mapping.Column;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgTemplateIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("tpl_person")
	record Person(@Id Long id, String name, int age, @Column("mail") String email, Instant createdAt, UUID externalId) {
	}

	@Table("tpl_tag")
	static class Tag {

		@Id
		String code;

		String label;

		@Transient
		String scratch;

		String getCode() {
			return this.code;
		}

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE tpl_person (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
				  age int NOT NULL, mail text UNIQUE, created_at timestamptz, external_id uuid);
				CREATE TABLE tpl_tag (code text PRIMARY KEY, label text);
				""");
		template = new PgTemplate(db.dataSource());
	}

	@BeforeEach
	void clean() {
		template.deleteAll(Person.class);
		template.deleteAll(Tag.class);
	}

	@Test
	void shouldInsertRecordWithGeneratedIdAndReadItBack() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Person saved = template.save(new Person(null, "Ada", 36, "ada@example.com", now, UUID.randomUUID()));
		assertThat(saved.id()).isNotNull();
		assertThat(template.findById(saved.id(), Person.class)).contains(saved);
		assertThat(template.existsById(saved.id(), Person.class)).isTrue();
		assertThat(template.count(Person.class)).isEqualTo(1);
	}

	@Test
	void shouldUpdateExistingRecord() {
		Person saved = template.save(new Person(null, "Ada", 36, "ada@example.com", null, null));
		Person older = new Person(saved.id(), "Ada", 37, "ada@example.com", null, null);
		template.save(older);
		assertThat(template.findById(saved.id(), Person.class)).contains(older);
		assertThat(template.count(Person.class)).isEqualTo(1);
	}

	@Test
	void shouldSaveClassWithAssignedIdAndIgnoreTransient() {
		Tag tag = new Tag();
		tag.code = "db";
		tag.label = "Databases";
		tag.scratch = "not stored";
		template.save(tag);
		Tag read = template.findById("db", Tag.class).orElseThrow();
		assertThat(read.label).isEqualTo("Databases");
		assertThat(read.scratch).isNull();
		tag.label = "Data";
		template.save(tag);
		assertThat(template.findById("db", Tag.class).orElseThrow().label).isEqualTo("Data");
	}

	@Test
	void shouldSortPageAndFindByIds() {
		List<Person> people = template.saveAll(List.of(new Person(null, "b", 2, null, null, null),
				new Person(null, "a", 1, null, null, null), new Person(null, "c", 3, null, null, null)));
		assertThat(template.findAll(Person.class, Sort.by("name")).stream().map(Person::name)).containsExactly("a", "b",
				"c");
		Page<Person> page = template.findAll(Person.class, PageRequest.of(1, 2, Sort.by(Sort.Direction.DESC, "age")));
		assertThat(page.getContent()).extracting(Person::name).containsExactly("a");
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(template.findAllById(List.of(people.get(0).id(), people.get(2).id(), -1L), Person.class))
			.extracting(Person::name)
			.containsExactlyInAnyOrder("b", "c");
		template.deleteAllById(List.of(people.get(0).id()), Person.class);
		assertThat(template.count(Person.class)).isEqualTo(2);
	}

	@Test
	void shouldRejectUnknownSortPropertyBeforeSendingSql() {
		assertThatThrownBy(() -> template.findAll(Person.class, Sort.by("nope")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'nope'")
			.hasMessageContaining("Person");
		assertThatThrownBy(() -> template.findAll(Person.class, Sort.by("name desc, (select pg_sleep(5))")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class);
	}

	@Test
	void shouldRejectNullsAndWrongIdTypes() {
		assertThatThrownBy(() -> template.save(null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> template.findById(null, Person.class)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> template.findById("1", Person.class)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("java.lang.Long");
	}

	@Test
	void shouldTranslateConstraintViolations() {
		template.save(new Person(null, "Ada", 36, "same@example.com", null, null));
		assertThatThrownBy(() -> template.save(new Person(null, "Bob", 40, "same@example.com", null, null)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(template.count(Person.class)).isEqualTo(1);
	}

}
