package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query by Example on {@link SimplePgRepository}: matchers, null handling, paging, the
 * fluent API, and probes whose LIKE wildcards must match literally.
 */
class QueryByExampleIntegrationTests {

	static TestDatabase db;

	static Repo repo;

	@Table("qbe_person")
	record Person(@Id Long id, String name, String city, Integer age) {
	}

	interface NameOnly {

		String getName();

	}

	record NameCity(String name, String city) {
	}

	interface Repo extends PgRepository<Person, Long> {

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE qbe_person (id bigint PRIMARY KEY, name text, city text, age int);
				INSERT INTO qbe_person VALUES (1, 'Anna', 'Oslo', 30), (2, 'anders', 'Bergen', 40),
				  (3, 'Bob', 'Oslo', NULL), (4, '100%_sure\\', 'Oslo', 30), (5, '100 percent', NULL, 50);
				""");
		repo = new PgRepositoryFactory(new PgTemplate(db.dataSource())).getRepository(Repo.class);
	}

	static Example<Person> probe(String name, String city, Integer age) {
		return Example.of(new Person(null, name, city, age));
	}

	@Test
	void nonNullPropertiesAreAnded() {
		assertThat(repo.findAll(probe(null, "Oslo", 30), Sort.by("id"))).extracting(Person::id).containsExactly(1L, 4L);
		assertThat(repo.findAll(probe(null, "Oslo", 40))).isEmpty();
		assertThat(repo.findAll(probe(null, null, null))).hasSize(5);
		assertThat(repo.count(probe("Bob", null, null))).isEqualTo(1);
		assertThat(repo.exists(probe("Bob", "Bergen", null))).isFalse();
	}

	@Test
	void matchAnyAndIncludeNulls() {
		ExampleMatcher any = ExampleMatcher.matchingAny();
		assertThat(repo.findAll(Example.of(new Person(null, "Bob", "Bergen", null), any))).extracting(Person::id)
			.containsExactlyInAnyOrder(2L, 3L);
		ExampleMatcher nulls = ExampleMatcher.matching().withIncludeNullValues().withIgnorePaths("id", "name", "age");
		assertThat(repo.findAll(Example.of(new Person(null, null, null, null), nulls))).extracting(Person::id)
			.containsExactly(5L);
	}

	@Test
	void stringMatchersAndIgnoreCase() {
		ExampleMatcher starting = ExampleMatcher.matching()
			.withMatcher("name", GenericPropertyMatchers.startsWith().ignoreCase());
		assertThat(repo.findAll(Example.of(new Person(null, "AN", null, null), starting), Sort.by("id")))
			.extracting(Person::id)
			.containsExactly(1L, 2L);
		ExampleMatcher ending = ExampleMatcher.matching().withMatcher("name", GenericPropertyMatchers.endsWith());
		assertThat(repo.findAll(Example.of(new Person(null, "na", null, null), ending))).extracting(Person::id)
			.containsExactly(1L);
		ExampleMatcher exactIgnoreCase = ExampleMatcher.matching().withIgnoreCase();
		assertThat(repo.findAll(Example.of(new Person(null, "ANNA", null, null), exactIgnoreCase)))
			.extracting(Person::id)
			.containsExactly(1L);
		ExampleMatcher regex = ExampleMatcher.matching().withMatcher("name", GenericPropertyMatchers.regex());
		assertThat(repo.findAll(Example.of(new Person(null, "^[AB]", null, null), regex), Sort.by("id")))
			.extracting(Person::id)
			.containsExactly(1L, 3L);
	}

	@Test
	void likeWildcardsInProbesMatchLiterally() {
		ExampleMatcher containing = ExampleMatcher.matching().withMatcher("name", GenericPropertyMatchers.contains());
		assertThat(repo.findAll(Example.of(new Person(null, "%", null, null), containing))).extracting(Person::id)
			.containsExactly(4L);
		assertThat(repo.findAll(Example.of(new Person(null, "_", null, null), containing))).extracting(Person::id)
			.containsExactly(4L);
		assertThat(repo.findAll(Example.of(new Person(null, "%_sure\\", null, null), containing)))
			.extracting(Person::id)
			.containsExactly(4L);
		ExampleMatcher starting = ExampleMatcher.matching().withMatcher("name", GenericPropertyMatchers.startsWith());
		assertThat(repo.findAll(Example.of(new Person(null, "100%", null, null), starting))).extracting(Person::id)
			.containsExactly(4L);
		assertThat(repo.findAll(Example.of(new Person(null, "%", null, null), starting))).isEmpty();
		ExampleMatcher ending = ExampleMatcher.matching().withMatcher("name", GenericPropertyMatchers.endsWith());
		assertThat(repo.findAll(Example.of(new Person(null, "\\", null, null), ending))).extracting(Person::id)
			.containsExactly(4L);
	}

	@Test
	void findOnePageAndFluentQueries() {
		assertThat(repo.findOne(probe("Bob", null, null))).map(Person::id).contains(3L);
		assertThat(repo.findOne(probe("Zed", null, null))).isEmpty();
		assertThatThrownBy(() -> repo.findOne(probe(null, "Oslo", null)))
			.isInstanceOf(IncorrectResultSizeDataAccessException.class);
		Page<Person> page = repo.findAll(probe(null, "Oslo", null), PageRequest.of(1, 2, Sort.by("id")));
		assertThat(page.getContent()).extracting(Person::id).containsExactly(4L);
		assertThat(page.getTotalElements()).isEqualTo(3);

		Example<Person> oslo = probe(null, "Oslo", null);
		List<Person> limited = repo.findBy(oslo, q -> q.sortBy(Sort.by("id").descending()).limit(2).all());
		assertThat(limited).extracting(Person::id).containsExactly(4L, 3L);
		String first = repo.findBy(oslo, q -> q.as(NameOnly.class).sortBy(Sort.by("id")).firstValue().getName());
		assertThat(first).isEqualTo("Anna");
		List<NameCity> dtos = repo.findBy(oslo, q -> q.as(NameCity.class).sortBy(Sort.by("id")).all());
		assertThat(dtos).first().isEqualTo(new NameCity("Anna", "Oslo"));
		long count = repo.findBy(oslo, q -> q.count());
		assertThat(count).isEqualTo(3);
		boolean exists = repo.findBy(probe("Zed", null, null), q -> q.exists());
		assertThat(exists).isFalse();
		Page<Person> fluentPage = repo.findBy(oslo, q -> q.page(PageRequest.of(0, 2, Sort.by("id"))));
		assertThat(fluentPage.getTotalElements()).isEqualTo(3);
		boolean more = repo.findBy(oslo, q -> q.slice(PageRequest.of(1, 2, Sort.by("id"))).hasNext());
		assertThat(more).isFalse();
		Window<Person> window = repo.findBy(oslo,
				q -> q.sortBy(Sort.by("id")).limit(2).scroll(ScrollPosition.offset()));
		assertThat(window.getContent()).extracting(Person::id).containsExactly(1L, 3L);
		Window<Person> next = repo.findBy(oslo, q -> q.sortBy(Sort.by("id")).limit(2).scroll(window.positionAt(1)));
		assertThat(next.getContent()).extracting(Person::id).containsExactly(4L);
		assertThat(next.hasNext()).isFalse();
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		List<Long> streamed = tx.execute(status -> repo.findBy(oslo, q -> {
			try (var stream = q.sortBy(Sort.by("id")).stream()) {
				return stream.map(Person::id).toList();
			}
		}));
		assertThat(streamed).containsExactly(1L, 3L, 4L);
	}

}
