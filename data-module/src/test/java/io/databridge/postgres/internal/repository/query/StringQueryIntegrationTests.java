package io.databridge.postgres.internal.repository.query;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.Param;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Query} methods with native SQL: named and positional parameters, every result
 * kind, {@code @Modifying}.
 */
class StringQueryIntegrationTests {

	static TestDatabase db;

	static Repo repo;

	@Table("sq_city")
	record City(@Id Long id, String name, String country, int population) {
	}

	interface CityName {

		String getName();

	}

	interface CountryTotal {

		String getCountry();

		long getTotal();

	}

	record CountryCount(String country, long cities) {
	}

	interface Repo extends PgRepository<City, Long> {

		@Query("SELECT * FROM sq_city WHERE country = :country ORDER BY population DESC")
		List<City> byCountry(String country);

		@Query("SELECT * FROM sq_city WHERE country = ?1 AND population >= ?2 ORDER BY id")
		List<City> byCountryAndMinimum(String country, int minimum);

		@Query("SELECT * FROM sq_city WHERE name = :n")
		Optional<City> byName(@Param("n") String name);

		@Query("SELECT * FROM sq_city WHERE id = ANY(:ids) ORDER BY id")
		List<City> byIds(List<Long> ids);

		@Query("SELECT name FROM sq_city WHERE country = :country ORDER BY name")
		List<String> namesIn(String country);

		@Query("SELECT count(*) FROM sq_city WHERE population > :min")
		long countLargerThan(int min);

		@Query("SELECT name FROM sq_city WHERE id = :id")
		List<CityName> nameOf(long id);

		@Query("SELECT country, sum(population) AS total FROM sq_city GROUP BY country ORDER BY country")
		List<CountryTotal> totals();

		@Query("SELECT country, count(*) AS cities FROM sq_city GROUP BY country ORDER BY country")
		List<CountryCount> counts();

		@Query("SELECT * FROM sq_city WHERE population > :min")
		Page<City> largerThan(int min, org.springframework.data.domain.Pageable pageable);

		@Query("SELECT * FROM sq_city WHERE country = :country")
		List<City> sortedIn(String country, Sort sort);

		@Query("SELECT * FROM sq_city WHERE country = :country ORDER BY id")
		Stream<City> streamIn(String country);

		@Query("SELECT * FROM sq_city WHERE name = :name -- :ignored in a comment\n AND ':not_a_param' <> name")
		List<City> withLiteralsAndComments(String name);

		@Query("SELECT id, name, population::int8 AS population, country FROM sq_city WHERE name = :name")
		List<City> withCast(String name);

		@Query("SELECT * FROM sq_city WHERE population > :min")
		List<City> limited(int min, Sort sort, org.springframework.data.domain.Limit limit);

		@Query("SELECT * FROM sq_city WHERE population > :min")
		org.springframework.data.domain.Window<City> scroll(int min,
				org.springframework.data.domain.ScrollPosition position, org.springframework.data.domain.Limit limit,
				Sort sort);

		@Modifying
		@Query("UPDATE sq_city SET population = population + :delta WHERE country = :country")
		int grow(String country, int delta);

		@Modifying
		@Query("DELETE FROM sq_city WHERE population < ?1")
		long deleteSmallerThan(int population);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("CREATE TABLE sq_city (id bigint PRIMARY KEY, name text, country text, population int NOT NULL)");
		repo = new PgRepositoryFactory(new PgTemplate(db.dataSource())).getRepository(Repo.class);
	}

	@BeforeEach
	void rows() {
		db.execute("""
				TRUNCATE sq_city;
				INSERT INTO sq_city VALUES (1, 'Paris', 'FR', 2100), (2, 'Lyon', 'FR', 500), (3, 'Berlin', 'DE', 3600),
				  (4, 'Bonn', 'DE', 300), (5, 'x''); DROP TABLE sq_city; --', 'XX', 1);
				""");
	}

	@Test
	void namedAndPositionalParameters() {
		assertThat(repo.byCountry("FR")).extracting(City::id).containsExactly(1L, 2L);
		assertThat(repo.byCountry("IT")).isEmpty();
		assertThat(repo.byCountryAndMinimum("DE", 300)).extracting(City::id).containsExactly(3L, 4L);
		assertThat(repo.byCountryAndMinimum("DE", 301)).extracting(City::id).containsExactly(3L);
		assertThat(repo.byName("Bonn")).map(City::population).contains(300);
		assertThat(repo.byName("Bon")).isEmpty();
		assertThat(repo.byName("x'); DROP TABLE sq_city; --")).map(City::id).contains(5L);
	}

	@Test
	void collectionBindsAsOneArray() {
		assertThat(repo.byIds(List.of(1L, 3L, 99L))).extracting(City::id).containsExactly(1L, 3L);
		assertThat(repo.byIds(List.of())).isEmpty();
	}

	@Test
	void scalarsProjectionsAndDtos() {
		assertThat(repo.namesIn("DE")).containsExactly("Berlin", "Bonn");
		assertThat(repo.namesIn("IT")).isEmpty();
		assertThat(repo.countLargerThan(500)).isEqualTo(2);
		assertThat(repo.countLargerThan(5000)).isZero();
		assertThat(repo.nameOf(2)).extracting(CityName::getName).containsExactly("Lyon");
		assertThat(repo.totals()).extracting(CountryTotal::getCountry, CountryTotal::getTotal)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("DE", 3900L),
					org.assertj.core.groups.Tuple.tuple("FR", 2600L), org.assertj.core.groups.Tuple.tuple("XX", 1L));
		assertThat(repo.counts()).containsExactly(new CountryCount("DE", 2), new CountryCount("FR", 2),
				new CountryCount("XX", 1));
	}

	@Test
	void pageSortAndStream() {
		Page<City> page = repo.largerThan(400, PageRequest.of(0, 2, Sort.by("population")));
		assertThat(page.getContent()).extracting(City::id).containsExactly(2L, 1L);
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(repo.sortedIn("FR", Sort.by("name"))).extracting(City::name).containsExactly("Lyon", "Paris");
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		List<Long> ids = tx.execute(status -> {
			try (Stream<City> cities = repo.streamIn("DE")) {
				return cities.map(City::id).toList();
			}
		});
		assertThat(ids).containsExactly(3L, 4L);
	}

	@Test
	void limitAndOffsetWindow() {
		assertThat(repo.limited(0, Sort.by("id"), org.springframework.data.domain.Limit.of(2))).extracting(City::id)
			.containsExactly(1L, 2L);
		assertThat(repo.limited(0, Sort.by("id"), org.springframework.data.domain.Limit.unlimited())).hasSize(5);
		var limit = org.springframework.data.domain.Limit.of(2);
		var first = repo.scroll(0, org.springframework.data.domain.ScrollPosition.offset(), limit, Sort.by("id"));
		assertThat(first.getContent()).extracting(City::id).containsExactly(1L, 2L);
		assertThat(first.hasNext()).isTrue();
		var second = repo.scroll(0, first.positionAt(1), limit, Sort.by("id"));
		assertThat(second.getContent()).extracting(City::id).containsExactly(3L, 4L);
		var third = repo.scroll(0, second.positionAt(1), limit, Sort.by("id"));
		assertThat(third.getContent()).extracting(City::id).containsExactly(5L);
		assertThat(third.hasNext()).isFalse();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(
					() -> repo.scroll(0, org.springframework.data.domain.ScrollPosition.keyset(), limit, Sort.by("id")))
			.isInstanceOf(org.springframework.dao.InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("offset only");
	}

	@Test
	void parametersInsideLiteralsAndCommentsAreText() {
		assertThat(repo.withLiteralsAndComments("Paris")).extracting(City::id).containsExactly(1L);
		assertThat(repo.withCast("Lyon")).extracting(City::population).containsExactly(500);
	}

	@Test
	void modifyingReturnsTheCount() {
		assertThat(repo.grow("FR", 10)).isEqualTo(2);
		assertThat(repo.grow("IT", 10)).isZero();
		assertThat(repo.findById(2L)).map(City::population).contains(510);
		assertThat(repo.deleteSmallerThan(300)).isEqualTo(1L);
		assertThat(repo.deleteSmallerThan(300)).isZero();
		assertThat(repo.count()).isEqualTo(4);
	}

}
