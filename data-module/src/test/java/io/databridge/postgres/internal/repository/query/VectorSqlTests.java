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
import org.springframework.data.domain.Range;
import org.springframework.data.domain.Score;
import org.springframework.data.domain.ScoringFunction;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.Similarity;
import org.springframework.data.domain.Vector;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Exact SQL of Near / Within derived queries, rendered without a database. */
class VectorSqlTests {

	static final Map<String, String> sql = new HashMap<>();

	static PgRepositoryFactory factory;

	@Table("doc")
	record Doc(@Id Long id, String category, Vector embedding) {
	}

	interface Repo extends PgRepository<Doc, Long> {

		SearchResults<Doc> findTop10ByEmbeddingNear(Vector vector, Score score);

		List<SearchResult<Doc>> searchByCategoryAndEmbeddingWithin(String category, Vector vector,
				Range<Similarity> range);

		List<Doc> findTop3ByEmbeddingNear(Vector vector, ScoringFunction function);

	}

	interface CountingRepo extends PgRepository<Doc, Long> {

		long countByEmbeddingNear(Vector vector);

	}

	interface NotAVectorRepo extends PgRepository<Doc, Long> {

		List<Doc> findByCategoryNear(String category);

	}

	@BeforeAll
	static void create() {
		factory = new PgRepositoryFactory(
				new PgTemplate(new DriverManagerDataSource("jdbc:postgresql://invalid.invalid:1/none")));
		factory.setValidateQueries(false);
		factory.addQueryCreationListener(
				(PartTreePgQuery query) -> sql.put(query.getQueryMethod().getName(), query.defaultSql()));
		factory.getRepository(Repo.class);
	}

	@Test
	void shouldOrderByTheDistanceAndSelectItLast() {
		assertThat(sql.get("findTop10ByEmbeddingNear")).isEqualTo("SELECT \"id\", \"category\", \"embedding\", "
				+ "(\"embedding\" <-> (?)::vector) FROM \"doc\" WHERE (\"embedding\" <-> (?)::vector) <= ? "
				+ "ORDER BY (\"embedding\" <-> (?)::vector) LIMIT ?");
	}

	@Test
	void shouldRenderWithinAsBetweenDistances() {
		assertThat(sql.get("searchByCategoryAndEmbeddingWithin")).isEqualTo("SELECT \"id\", \"category\", "
				+ "\"embedding\", (\"embedding\" <-> (?)::vector) FROM \"doc\" WHERE \"category\" = ? AND (\"embedding\" "
				+ "<-> (?)::vector) BETWEEN ? AND ? ORDER BY (\"embedding\" <-> (?)::vector)");
	}

	@Test
	void shouldOnlyOrderWithAScoringFunction() {
		assertThat(sql.get("findTop3ByEmbeddingNear")).isEqualTo("SELECT \"id\", \"category\", \"embedding\", "
				+ "(\"embedding\" <-> (?)::vector) FROM \"doc\" WHERE TRUE ORDER BY (\"embedding\" <-> (?)::vector) LIMIT ?");
	}

	@Test
	void shouldRefuseACountAndANearOnAPropertyThatIsNoVector() {
		assertThatExceptionOfType(QueryCreationException.class)
			.isThrownBy(() -> factory.getRepository(CountingRepo.class))
			.withMessageContaining("countByEmbeddingNear")
			.withMessageContaining("not a count");
		assertThatExceptionOfType(QueryCreationException.class)
			.isThrownBy(() -> factory.getRepository(NotAVectorRepo.class))
			.withMessageContaining("findByCategoryNear")
			.withMessageContaining("needs a vector property");
	}

}
