package io.databridge.postgres.query;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.query.CriteriaFixtures.Account;
import io.databridge.postgres.query.CriteriaFixtures.User;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.databridge.postgres.query.Criteria.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every criteria operator against PostgreSQL, with rows that match, rows that do not, and
 * rows where the property is NULL. The five users: <pre>
 * id name         age  active bio                         profile                                      tags
 * 1  Ada          36   true   The quick brown fox jumps   {city: Paris, stats: {rank: 3}, vip: true}    [java, sql]
 * 2  bob          17   false  Lazy dogs sleep             {city: Berlin, stats: {rank: 10}}             [go]
 * 3  50%_off\x    null null   null                        null                                         null
 * 4  null         40   true   foxes and cats              {city: paris, vip: false}                    []
 * 5  O'Brien      25   false  null                        {}                                           [sql, rust]
 * </pre>
 */
class CriteriaIntegrationTests {

	static final UUID EXTERNAL = UUID.fromString("00000000-0000-0000-0000-000000000001");

	static TestDatabase db;

	static PgTemplate template;

	static TransactionTemplate tx;

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute(CriteriaFixtures.DDL);
		template = new PgTemplate(new JdbcTemplate(db.dataSource()), new PgMappingContext(), CriteriaFixtures.codecs());
		tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
	}

	@BeforeEach
	void rows() {
		template.deleteAll(User.class);
		template.deleteAll(Account.class);
		template.saveAll(List.of(
				User.of(1, "Ada", 36)
					.withScore(9.5)
					.withActive(true)
					.withBio("The quick brown fox jumps")
					.withProfile(Map.of("city", "Paris", "stats", Map.of("rank", 3), "vip", true))
					.withTags(List.of("java", "sql"))
					.withExternalId(EXTERNAL)
					.withBorn(LocalDate.of(1990, 1, 1)),
				User.of(2, "bob", 17)
					.withActive(false)
					.withBio("Lazy dogs sleep")
					.withProfile(Map.of("city", "Berlin", "stats", Map.of("rank", 10)))
					.withTags(List.of("go"))
					.withBorn(LocalDate.of(2008, 5, 1)),
				User.of(3, "50%_off\\x", null).withScore(1.0),
				User.of(4, null, 40)
					.withScore(2.5)
					.withActive(true)
					.withBio("foxes and cats")
					.withProfile(Map.of("city", "paris", "vip", false))
					.withTags(List.of()),
				User.of(5, "O'Brien", 25).withActive(false).withProfile(Map.of()).withTags(List.of("sql", "rust"))));
	}

	static List<Long> ids(Criteria criteria) {
		List<Long> ids = template.findAll(criteria, Sort.by("id"), User.class).stream().map(User::id).toList();
		assertThat(template.count(criteria, User.class)).isEqualTo(ids.size());
		assertThat(template.exists(criteria, User.class)).isEqualTo(!ids.isEmpty());
		return ids;
	}

	@Test
	void shouldCompareForEqualityWithNullsNeverMatching() {
		assertThat(ids(where(User::name).is("Ada"))).containsExactly(1L);
		assertThat(ids(where(User::name).is("ada"))).isEmpty();
		assertThat(ids(where(User::name).not("Ada"))).containsExactly(2L, 3L, 5L);
		assertThat(ids(where(User::name).is("ADA").ignoreCase(true))).containsExactly(1L);
		assertThat(ids(where(User::name).not("ADA").ignoreCase(true))).containsExactly(2L, 3L, 5L);
		assertThat(ids(where(User::externalId).is(EXTERNAL))).containsExactly(1L);
		assertThat(ids(where(User::externalId).is(UUID.randomUUID()))).isEmpty();
		assertThat(ids(where(User::score).is(9.5))).containsExactly(1L);
	}

	@Test
	void shouldCompareOrderedValues() {
		assertThat(ids(where(User::age).lessThan(25))).containsExactly(2L);
		assertThat(ids(where(User::age).lessThanOrEquals(25))).containsExactly(2L, 5L);
		assertThat(ids(where(User::age).greaterThan(36))).containsExactly(4L);
		assertThat(ids(where(User::age).greaterThanOrEquals(36))).containsExactly(1L, 4L);
		assertThat(ids(where(User::age).greaterThan(99))).isEmpty();
		assertThat(ids(where(User::age).between(17, 25))).containsExactly(2L, 5L);
		assertThat(ids(where(User::age).between(50, 60))).isEmpty();
		assertThat(ids(where(User::born).lessThan(LocalDate.of(2000, 1, 1)))).containsExactly(1L);
		assertThat(ids(where(User::score).greaterThan(2))).containsExactly(1L, 4L);
		assertThat(ids(where(User::name).greaterThan("a"))).containsExactly(2L);
	}

	@Test
	void shouldMatchListsWithOneArrayParameter() {
		assertThat(ids(where(User::age).in(17, 40, 99))).containsExactly(2L, 4L);
		assertThat(ids(where(User::age).in(List.of()))).isEmpty();
		assertThat(ids(where(User::age).notIn(17, 40))).containsExactly(1L, 5L);
		assertThat(ids(where(User::age).notIn(List.of()))).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(ids(where(User::name).in("Ada", "O'Brien"))).containsExactly(1L, 5L);
		assertThat(ids(where(User::born).in(LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1)))).containsExactly(1L);
		assertThat(ids(where(User::externalId).in(EXTERNAL))).containsExactly(1L);
		assertThat(ids(where(User::externalId).notIn(EXTERNAL))).isEmpty();
		assertThat(ids(where(User::score).in(9.5, 2.5))).containsExactly(1L, 4L);
	}

	@Test
	void shouldTestNullsAndBooleans() {
		assertThat(ids(where(User::age).isNull())).containsExactly(3L);
		assertThat(ids(where(User::age).isNotNull())).containsExactly(1L, 2L, 4L, 5L);
		assertThat(ids(where(User::active).isTrue())).containsExactly(1L, 4L);
		assertThat(ids(where(User::active).isFalse())).containsExactly(2L, 5L);
		assertThat(ids(where(User::active).isTrue().not())).containsExactly(2L, 5L);
		assertThat(ids(where(User::active).is(true))).containsExactly(1L, 4L);
	}

	@Test
	void shouldMatchPatternsAndTakeLiteralTextLiterally() {
		assertThat(ids(where(User::name).like("%o%"))).containsExactly(2L, 3L);
		assertThat(ids(where(User::name).notLike("%o%"))).containsExactly(1L, 5L);
		assertThat(ids(where(User::name).ilike("%o%"))).containsExactly(2L, 3L, 5L);
		assertThat(ids(where(User::name).like("%o%").ignoreCase(true))).containsExactly(2L, 3L, 5L);
		assertThat(ids(where(User::name).like("50\\%%"))).containsExactly(3L);
		assertThat(ids(where(User::name).startsWith("50%_"))).containsExactly(3L);
		assertThat(ids(where(User::name).startsWith("50%X"))).isEmpty();
		assertThat(ids(where(User::name).startsWith("5_"))).isEmpty();
		assertThat(ids(where(User::name).startsWith("a").ignoreCase(true))).containsExactly(1L);
		assertThat(ids(where(User::name).contains("%"))).containsExactly(3L);
		assertThat(ids(where(User::name).contains("_"))).containsExactly(3L);
		assertThat(ids(where(User::name).contains("'"))).containsExactly(5L);
		assertThat(ids(where(User::name).contains("B").ignoreCase(true))).containsExactly(2L, 5L);
		assertThat(ids(where(User::name).endsWith("\\x"))).containsExactly(3L);
		assertThat(ids(where(User::name).endsWith("x\\"))).isEmpty();
		assertThat(ids(where(User::name).endsWith("b"))).containsExactly(2L);
	}

	@Test
	void shouldMatchRegularExpressions() {
		assertThat(ids(where(User::name).matches("^[AO]"))).containsExactly(1L, 5L);
		assertThat(ids(where(User::name).matches("^B"))).isEmpty();
		assertThat(ids(where(User::name).matches("^B").ignoreCase(true))).containsExactly(2L);
		assertThat(ids(where(User::name).matches("\\\\x$"))).containsExactly(3L);
	}

	@Test
	void shouldSearchFullText() {
		assertThat(ids(where(User::bio).textSearch("english", "fox"))).containsExactly(1L, 4L);
		assertThat(ids(where(User::bio).textSearch("fox"))).containsExactly(1L);
		assertThat(ids(where(User::bio).textSearch("english", "fox -cat"))).containsExactly(1L);
		assertThat(ids(where(User::bio).textSearch("english", "\"brown fox\""))).containsExactly(1L);
		assertThat(ids(where(User::bio).textSearch("english", "elephant"))).isEmpty();
		assertThat(ids(where(User::bio).textSearch("english", "' OR 1=1 --"))).isEmpty();
	}

	@Test
	void shouldCompareValuesInsideJsonbAsTextNumberOrBoolean() {
		assertThat(ids(where("profile.city").is("Paris"))).containsExactly(1L);
		assertThat(ids(where("profile.city").is("PARIS").ignoreCase(true))).containsExactly(1L, 4L);
		assertThat(ids(where("profile.city").not("Paris"))).containsExactly(2L, 4L);
		assertThat(ids(where("profile.city").in("Paris", "Berlin"))).containsExactly(1L, 2L);
		assertThat(ids(where("profile.city").startsWith("Par"))).containsExactly(1L);
		assertThat(ids(where("profile.city").contains("erl"))).containsExactly(2L);
		assertThat(ids(where("profile.city").isNull())).containsExactly(3L, 5L);
		assertThat(ids(where("profile.stats.rank").greaterThan(5))).containsExactly(2L);
		assertThat(ids(where("profile.stats.rank").lessThan(5))).containsExactly(1L);
		assertThat(ids(where("profile.stats.rank").between(1, 3))).containsExactly(1L);
		assertThat(ids(where("profile.stats.rank").in(3, 10))).containsExactly(1L, 2L);
		assertThat(ids(where("profile.vip").isTrue())).containsExactly(1L);
		assertThat(ids(where("profile.vip").isFalse())).containsExactly(4L);
		assertThat(ids(where("profile.vip").is(true))).containsExactly(1L);
		assertThat(ids(where("profile.it's").is("x"))).isEmpty();
	}

	@Test
	void shouldTestJsonbContainmentAndKeys() {
		assertThat(ids(where(User::profile).contains(Map.of("city", "Berlin")))).containsExactly(2L);
		assertThat(ids(where(User::profile).contains("{\"vip\": true}"))).containsExactly(1L);
		assertThat(ids(where(User::profile).contains(Map.of("city", "Rome")))).isEmpty();
		assertThat(ids(where("profile.stats").contains(Map.of("rank", 10)))).containsExactly(2L);
		assertThat(ids(where(User::profile).hasKey("vip"))).containsExactly(1L, 4L);
		assertThat(ids(where(User::profile).hasKey("nope"))).isEmpty();
		assertThat(ids(where("profile.stats").hasKey("rank"))).containsExactly(1L, 2L);
		assertThat(ids(where(User::profile).isNull())).containsExactly(3L);
		assertThat(ids(where(User::profile).isNotNull())).containsExactly(1L, 2L, 4L, 5L);
	}

	@Test
	void shouldTestArrays() {
		assertThat(ids(where(User::tags).contains(List.of("sql")))).containsExactly(1L, 5L);
		assertThat(ids(where(User::tags).contains("sql"))).containsExactly(1L, 5L);
		assertThat(ids(where(User::tags).contains(List.of("sql", "java")))).containsExactly(1L);
		assertThat(ids(where(User::tags).contains(List.of("sql", "go")))).isEmpty();
		assertThat(ids(where(User::tags).contains(List.of()))).containsExactly(1L, 2L, 4L, 5L);
		assertThat(ids(where(User::tags).overlaps(List.of("go", "rust")))).containsExactly(2L, 5L);
		assertThat(ids(where(User::tags).overlaps(List.of()))).isEmpty();
		assertThat(ids(where(User::tags).anyEquals("java"))).containsExactly(1L);
		assertThat(ids(where(User::tags).anyEquals("c"))).isEmpty();
		assertThat(ids(where(User::tags).isNull())).containsExactly(3L);
	}

	@Test
	void shouldNestAndOrNotAsWritten() {
		assertThat(ids(where(User::age).greaterThan(18).and(User::name).startsWith("A"))).containsExactly(1L);
		// AND binds tighter: age < 20 OR (age > 38 AND active)
		assertThat(ids(where(User::age).lessThan(20).or(User::age).greaterThan(38).and(User::active).isTrue()))
			.containsExactly(2L, 4L);
		assertThat(ids(where(User::active).isTrue().and(where(User::age).lessThan(20).or(User::age).greaterThan(38))))
			.containsExactly(4L);
		assertThat(ids(Criteria.not(where(User::age).greaterThan(30)))).containsExactly(2L, 5L);
		assertThat(ids(where(User::age).is(17).or(User::age).is(36).not())).containsExactly(4L, 5L);
		assertThat(ids(where(User::name).isNull()
			.or(where(User::age).isNull().or(where(User::active).isFalse().and(where(User::tags).isNull().not())))))
			.containsExactly(2L, 3L, 4L, 5L);
		assertThat(ids(Criteria.empty())).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(ids(Criteria.empty().not())).isEmpty();
	}

	@Test
	void shouldSortPageLimitAndSelectColumns() {
		Query query = Query.query(where(User::age).isNotNull())
			.sort(Sort.by(User::age).descending())
			.limit(2)
			.offset(1);
		assertThat(template.findAll(query, User.class)).extracting(User::id).containsExactly(1L, 5L);
		List<User> narrow = template.findAll(Query.query(where(User::id).is(1L)).columns(User::id, User::name),
				User.class);
		assertThat(narrow).singleElement().satisfies(user -> {
			assertThat(user.name()).isEqualTo("Ada");
			assertThat(user.age()).isNull();
			assertThat(user.profile()).isNull();
		});
		Page<User> page = template.findAll(where(User::age).isNotNull(), PageRequest.of(1, 3, Sort.by("age")),
				User.class);
		assertThat(page.getContent()).extracting(User::id).containsExactly(4L);
		assertThat(page.getTotalElements()).isEqualTo(4);
		assertThat(template.findAll(where(User::tags).isNotNull(), User.class).get(0).tags()).isNotNull();
	}

	@Test
	void shouldShareOneCriteriaAcrossThreads() throws Exception {
		Criteria criteria = where(User::age).greaterThan(18)
			.and(where(User::name).startsWith("A").or(User::tags).contains("sql"));
		try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			List<java.util.concurrent.Future<List<Long>>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 16; i++) {
				results.add(executor.submit(() -> {
					List<Long> last = List.of();
					for (int n = 0; n < 20; n++) {
						last = template.findAll(criteria, Sort.by("id"), User.class).stream().map(User::id).toList();
					}
					return last;
				}));
			}
			for (java.util.concurrent.Future<List<Long>> result : results) {
				assertThat(result.get()).containsExactly(1L, 5L);
			}
		}
	}

	@Test
	void shouldFindOneOrFailOnSeveral() {
		assertThat(template.findOne(where(User::name).is("bob"), User.class)).map(User::age).contains(17);
		assertThat(template.findOne(where(User::name).is("nobody"), User.class)).isEqualTo(Optional.empty());
		assertThatThrownBy(() -> template.findOne(where(User::active).isTrue(), User.class))
			.isInstanceOf(IncorrectResultSizeDataAccessException.class);
	}

	@Test
	void shouldUpdateAndDeleteReturningRowCounts() {
		long updated = template.update(where(User::age).lessThan(30),
				Update.update(User::name, "young").increment(User::age, 1).setNull(User::bio), User.class);
		assertThat(updated).isEqualTo(2);
		assertThat(ids(where(User::name).is("young").and(User::bio).isNull())).containsExactly(2L, 5L);
		assertThat(ids(where(User::age).in(18, 26))).containsExactly(2L, 5L);
		assertThat(template.update(where(User::id).is(1L), Update.update(User::tags, List.of("x")), User.class))
			.isEqualTo(1);
		assertThat(ids(where(User::tags).anyEquals("x"))).containsExactly(1L);
		assertThat(template.delete(where(User::age).isNull(), User.class)).isEqualTo(1);
		assertThat(template.delete(where(User::age).isNull(), User.class)).isZero();
		assertThat(template.count(User.class)).isEqualTo(4);
	}

	@Test
	void shouldStreamThroughServerSideCursorOnlyInsideTransaction() {
		db.execute("INSERT INTO crit_account SELECT g, 'owner' || g, g FROM generate_series(1, 1200) g");
		assertThatThrownBy(() -> template.stream(Criteria.empty(), Account.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("transaction");
		tx.executeWithoutResult(status -> {
			long sum;
			try (Stream<Account> accounts = template.stream(where(Account::getBalance).greaterThan(0), Account.class)) {
				Iterator<Account> iterator = accounts.iterator();
				sum = iterator.next().getBalance();
				assertThat(openPortals()).isEqualTo(1);
				while (iterator.hasNext()) {
					sum += iterator.next().getBalance();
				}
			}
			assertThat(sum).isEqualTo(1200L * 1201 / 2);
			assertThat(openPortals()).isZero();
		});
	}

	private static Integer openPortals() {
		return template.getJdbcOperations()
			.queryForObject("SELECT count(*)::int FROM pg_cursors WHERE name <> ''", Integer.class);
	}

	@Test
	void shouldFailBeforeSendingSqlNamingPropertyAndType() {
		PgTemplate offline = new PgTemplate(new JdbcTemplate(new NoConnections()), new PgMappingContext(),
				CriteriaFixtures.codecs());
		assertThatThrownBy(() -> offline.findAll(where("nope").is(1), User.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'nope'");
		assertThatThrownBy(() -> offline.count(where(User::age).is("18"), User.class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age")
			.hasMessageContaining("java.lang.Integer");
		assertThatThrownBy(() -> offline.delete(where(User::age).contains("1"), User.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.age")
			.hasMessageContaining("java.lang.Integer");
		assertThatThrownBy(() -> offline.update(Criteria.empty(), Update.update("age", "x"), User.class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> offline.findAll(where("name.first").is("x"), User.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("@Jsonb");
	}

	/** A DataSource that fails the test if anything tries to reach the database. */
	static final class NoConnections extends AbstractDataSource {

		@Override
		public Connection getConnection() {
			throw new AssertionError("SQL was about to be sent");
		}

		@Override
		public Connection getConnection(String username, String password) {
			throw new AssertionError("SQL was about to be sent");
		}

	}

}
