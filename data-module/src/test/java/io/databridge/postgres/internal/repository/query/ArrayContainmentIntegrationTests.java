package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containing / NotContaining on an array column test element containment
 * ({@code ? = ANY(tags)}).
 */
class ArrayContainmentIntegrationTests {

	static Repo repo;

	@Table("ac_doc")
	record Doc(@Id Long id, String title, String[] tags) {
	}

	interface Repo extends PgRepository<Doc, Long> {

		List<Doc> findByTagsContainingOrderById(String tag);

		List<Doc> findByTagsNotContainingOrderById(String tag);

	}

	@BeforeAll
	static void schema() {
		TestDatabase db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE ac_doc (id bigint PRIMARY KEY, title text, tags text[]);
				INSERT INTO ac_doc VALUES (1, 'a', '{db,sql}'), (2, 'b', '{db}'), (3, 'c', '{}'), (4, 'd', NULL),
				  (5, 'e', '{"d%"}');
				""");
		ValueCodecs codecs = new ValueCodecs();
		PgTemplate template = new PgTemplate(new JdbcTemplate(db.dataSource()), new PgMappingContext(), codecs);
		repo = new PgRepositoryFactory(template).getRepository(Repo.class);
	}

	@Test
	void containingTestsElementMembership() {
		assertThat(repo.findByTagsContainingOrderById("db")).extracting(Doc::id).containsExactly(1L, 2L);
		assertThat(repo.findByTagsContainingOrderById("sql")).extracting(Doc::id).containsExactly(1L);
		assertThat(repo.findByTagsContainingOrderById("d")).isEmpty();
		assertThat(repo.findByTagsContainingOrderById("d%")).extracting(Doc::id).containsExactly(5L);
	}

	@Test
	void notContainingExcludesArraysWithTheElement() {
		assertThat(repo.findByTagsNotContainingOrderById("sql")).extracting(Doc::id).containsExactly(2L, 3L, 5L);
		assertThat(repo.findByTagsNotContainingOrderById("nothing")).extracting(Doc::id)
			.containsExactly(1L, 2L, 3L, 5L);
	}

}
