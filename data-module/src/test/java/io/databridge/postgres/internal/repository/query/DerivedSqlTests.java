package io.databridge.postgres.internal.repository.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact SQL of derived queries, rendered at repository creation without a database. */
class DerivedSqlTests {

	static final Map<String, String> sql = new HashMap<>();

	@Table("person")
	record Person(@Id Long id, String name, Integer age, Boolean active) {
	}

	interface NameOnly {

		String getName();

	}

	interface Repo extends PgRepository<Person, Long> {

		List<Person> findByNameStartingWithIgnoreCaseOrAgeBetween(String name, int low, int high);

		List<Person> findByNameIgnoreCaseAndActiveFalse(String name);

		List<Person> findByAgeNotInAndNameNotNull(List<Integer> ages);

		List<NameOnly> findDistinctByAgeGreaterThanOrderByNameDesc(int age);

		Person findFirstByOrderByAgeAsc();

		long countByNameRegex(String regex);

		boolean existsByActiveTrue();

		long deleteByAgeLessThanEqual(int age);

		List<Person> removeByNameContaining(String infix);

	}

	@BeforeAll
	static void create() {
		PgRepositoryFactory factory = new PgRepositoryFactory(
				new PgTemplate(new DriverManagerDataSource("jdbc:postgresql://invalid.invalid:1/none")));
		factory.setValidateQueries(false);
		factory.addQueryCreationListener(
				(PartTreePgQuery query) -> sql.put(query.getQueryMethod().getName(), query.defaultSql()));
		factory.getRepository(Repo.class);
	}

	@Test
	void shouldRenderOrWithNestedAndIgnoreCaseLike() {
		assertThat(sql.get("findByNameStartingWithIgnoreCaseOrAgeBetween")).isEqualTo(
				"SELECT \"id\", \"name\", \"age\", \"active\" FROM \"person\" WHERE \"name\" ILIKE ? OR \"age\" BETWEEN ? AND ?");
	}

	@Test
	void shouldRenderLowerForIgnoreCaseAndNotForFalse() {
		assertThat(sql.get("findByNameIgnoreCaseAndActiveFalse")).isEqualTo(
				"SELECT \"id\", \"name\", \"age\", \"active\" FROM \"person\" WHERE lower(\"name\") = lower(?) AND NOT (\"active\")");
	}

	@Test
	void shouldRenderNotInAsAllOfOneArray() {
		assertThat(sql.get("findByAgeNotInAndNameNotNull")).isEqualTo(
				"SELECT \"id\", \"name\", \"age\", \"active\" FROM \"person\" WHERE \"age\" <> ALL(?) AND \"name\" IS NOT NULL");
	}

	@Test
	void shouldSelectOnlyProjectedColumnsDistinctAndOrdered() {
		assertThat(sql.get("findDistinctByAgeGreaterThanOrderByNameDesc"))
			.isEqualTo("SELECT DISTINCT \"name\" FROM \"person\" WHERE \"age\" > ? ORDER BY \"name\" DESC");
	}

	@Test
	void shouldLimitFirstWithBoundLimit() {
		assertThat(sql.get("findFirstByOrderByAgeAsc"))
			.isEqualTo("SELECT \"id\", \"name\", \"age\", \"active\" FROM \"person\" ORDER BY \"age\" LIMIT ?");
	}

	@Test
	void shouldRenderCountExistsAndDeletes() {
		assertThat(sql.get("countByNameRegex")).isEqualTo("SELECT count(*) FROM \"person\" WHERE \"name\" ~ ?");
		assertThat(sql.get("existsByActiveTrue")).isEqualTo("SELECT 1 FROM \"person\" WHERE \"active\" LIMIT 1");
		assertThat(sql.get("deleteByAgeLessThanEqual")).isEqualTo("DELETE FROM \"person\" WHERE \"age\" <= ?");
		assertThat(sql.get("removeByNameContaining"))
			.isEqualTo("DELETE FROM \"person\" WHERE \"name\" LIKE ? RETURNING \"id\", \"name\", \"age\", \"active\"");
	}

}
