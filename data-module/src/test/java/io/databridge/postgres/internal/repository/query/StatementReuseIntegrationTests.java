package io.databridge.postgres.internal.repository.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of a derived method is rendered when the repository is created and reused for
 * every call: values never change it, only their nullness (IS NULL) and a caller's sort
 * or paging pick another shape, each rendered once. Values such as
 * {@code x'); DROP TABLE ...; --} or {@code %_\} are data.
 */
class StatementReuseIntegrationTests {

	static TestDatabase db;

	static Repo repo;

	static final Map<String, PartTreePgQuery> queries = new HashMap<>();

	@Table("sr_user")
	record User(@Id Long id, String name, int age) {
	}

	interface Repo extends PgRepository<User, Long> {

		List<User> findByNameAndAgeGreaterThan(@Nullable String name, int age);

		List<User> findByNameContaining(String infix);

		List<User> findByNameIn(List<String> names);

		List<User> findByAge(int age, Pageable pageable);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute(
				"""
						CREATE TABLE sr_user (id bigint PRIMARY KEY, name text, age int NOT NULL);
						INSERT INTO sr_user VALUES (1, 'ann', 30), (2, '%_\\', 30), (3, NULL, 40), (4, 'x''); DROP TABLE sr_user; --', 50);
						""");
		PgRepositoryFactory factory = new PgRepositoryFactory(new PgTemplate(db.dataSource()));
		factory
			.addQueryCreationListener((PartTreePgQuery query) -> queries.put(query.getQueryMethod().getName(), query));
		repo = factory.getRepository(Repo.class);
	}

	@Test
	void derivedSqlIsRenderedAtCreationWithBindMarkersOnly() {
		assertThat(queries.get("findByNameAndAgeGreaterThan").defaultSql())
			.isEqualTo("SELECT \"id\", \"name\", \"age\" FROM \"sr_user\" WHERE \"name\" = ? AND \"age\" > ?");
		assertThat(queries.get("findByNameContaining").defaultSql())
			.isEqualTo("SELECT \"id\", \"name\", \"age\" FROM \"sr_user\" WHERE \"name\" LIKE ?");
		assertThat(queries.get("findByNameIn").defaultSql())
			.isEqualTo("SELECT \"id\", \"name\", \"age\" FROM \"sr_user\" WHERE \"name\" = ANY(?)");
	}

	@Test
	void valuesDoNotCreateNewStatements() {
		PartTreePgQuery query = queries.get("findByNameAndAgeGreaterThan");
		String sql = query.defaultSql();
		int before = query.renderedShapes();
		for (int i = 0; i < 50; i++) {
			repo.findByNameAndAgeGreaterThan("name" + i, i);
		}
		assertThat(repo.findByNameAndAgeGreaterThan("ann", 29)).extracting(User::id).containsExactly(1L);
		assertThat(query.renderedShapes()).isEqualTo(before);
		assertThat(query.defaultSql()).isEqualTo(sql);
		assertThat(repo.findByNameAndAgeGreaterThan(null, 0)).extracting(User::id).containsExactly(3L);
		repo.findByNameAndAgeGreaterThan(null, 99);
		assertThat(query.renderedShapes()).isEqualTo(before + 1);
	}

	@Test
	void inListsOfAnySizeShareOneStatement() {
		PartTreePgQuery query = queries.get("findByNameIn");
		int before = query.renderedShapes();
		for (int size = 0; size < 40; size++) {
			List<String> names = new java.util.ArrayList<>();
			for (int i = 0; i < size; i++) {
				names.add("n" + i);
			}
			names.add("ann");
			assertThat(repo.findByNameIn(names)).extracting(User::id).containsExactly(1L);
		}
		assertThat(query.renderedShapes()).isEqualTo(before);
	}

	@Test
	void sortsArePerDistinctSortNotPerCall() {
		PartTreePgQuery query = queries.get("findByAge");
		int before = query.renderedShapes();
		for (int page = 0; page < 5; page++) {
			repo.findByAge(30, PageRequest.of(page, 1, Sort.by("name")));
		}
		assertThat(query.renderedShapes()).isEqualTo(before + 1);
		repo.findByAge(30, PageRequest.of(0, 1, Sort.by("id")));
		assertThat(query.renderedShapes()).isEqualTo(before + 2);
		assertThat(repo.findByAge(30, PageRequest.of(1, 1, Sort.by("id")))).extracting(User::id).containsExactly(2L);
	}

	@Test
	void hostileValuesAreData() {
		String hostile = "x'); DROP TABLE sr_user; --";
		assertThat(repo.findByNameAndAgeGreaterThan(hostile, 0)).extracting(User::id).containsExactly(4L);
		assertThat(repo.findByNameContaining("%_\\")).extracting(User::id).containsExactly(2L);
		assertThat(repo.findByNameContaining("%_")).extracting(User::id).containsExactly(2L);
		assertThat(repo.findByNameContaining("\\")).extracting(User::id).containsExactly(2L);
		assertThat(repo.findByNameContaining("DROP TABLE")).extracting(User::id).containsExactly(4L);
		assertThat(repo.findByNameIn(List.of(hostile, "%_\\"))).extracting(User::id).containsExactlyInAnyOrder(2L, 4L);
		assertThat(repo.count()).isEqualTo(4);
	}

}
