package io.databridge.postgres.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.criteria.CriteriaStatements;
import io.databridge.postgres.internal.criteria.PreparedSql;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.query.CriteriaFixtures.Account;
import io.databridge.postgres.query.CriteriaFixtures.User;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.core.TypedPropertyPath;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;

import static io.databridge.postgres.query.Criteria.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact SQL of criteria statements, rendered without a database. */
class CriteriaStatementsTests {

	private static final String COUNT = "SELECT count(*) FROM \"crit_user\" WHERE ";

	private final ValueCodecs codecs = CriteriaFixtures.codecs();

	private final PgMappingContext context = new PgMappingContext();

	private final EntityStatements<User> users = new EntityStatements<>(this.context.entity(User.class), this.codecs,
			new EntityInstantiators());

	private final CriteriaStatements statements = new CriteriaStatements(this.codecs);

	private String sql(Criteria criteria) {
		String sql = this.statements.count(this.users, criteria).sql();
		assertThat(sql).startsWith(COUNT);
		return sql.substring(COUNT.length());
	}

	private List<Object> values(Criteria criteria) {
		return this.statements.count(this.users, criteria).values();
	}

	@Test
	void shouldRenderComparisons() {
		assertThat(sql(where(User::age).is(3))).isEqualTo("\"age\" = ?");
		assertThat(sql(where(User::age).not(3))).isEqualTo("\"age\" <> ?");
		assertThat(sql(where(User::age).lessThan(3))).isEqualTo("\"age\" < ?");
		assertThat(sql(where(User::age).lessThanOrEquals(3))).isEqualTo("\"age\" <= ?");
		assertThat(sql(where(User::age).greaterThan(3))).isEqualTo("\"age\" > ?");
		assertThat(sql(where(User::age).greaterThanOrEquals(3))).isEqualTo("\"age\" >= ?");
		assertThat(sql(where(User::age).between(1, 9))).isEqualTo("\"age\" BETWEEN ? AND ?");
		assertThat(sql(where(User::age).in(1, 2, 3))).isEqualTo("\"age\" = ANY(?)");
		assertThat(sql(where(User::age).notIn(List.of()))).isEqualTo("\"age\" <> ALL(?)");
		assertThat(sql(where(User::age).isNull())).isEqualTo("\"age\" IS NULL");
		assertThat(sql(where(User::age).isNotNull())).isEqualTo("\"age\" IS NOT NULL");
		assertThat(sql(where(User::active).isTrue())).isEqualTo("\"active\"");
		assertThat(sql(where(User::active).isFalse())).isEqualTo("NOT (\"active\")");
	}

	@Test
	void shouldRenderTextOperatorsAndEscapeLiteralPatterns() {
		assertThat(sql(where("name").like("a%"))).isEqualTo("\"name\" LIKE ?");
		assertThat(sql(where("name").notLike("a%"))).isEqualTo("\"name\" NOT LIKE ?");
		assertThat(sql(where("name").ilike("a%"))).isEqualTo("\"name\" ILIKE ?");
		assertThat(sql(where("name").matches("^a"))).isEqualTo("\"name\" ~ ?");
		assertThat(sql(where("name").matches("^a").ignoreCase(true))).isEqualTo("\"name\" ~* ?");
		assertThat(sql(where("name").is("x").ignoreCase(true))).isEqualTo("lower(\"name\") = lower(?)");
		assertThat(sql(where("name").startsWith("x").ignoreCase(true))).isEqualTo("\"name\" ILIKE ?");
		assertThat(values(where(User::name).startsWith("50%_a\\b"))).containsExactly("50\\%\\_a\\\\b%");
		assertThat(values(where(User::name).endsWith("_"))).containsExactly("%\\_");
		assertThat(values(where(User::name).contains("%"))).containsExactly("%\\%%");
		assertThat(sql(where(User::bio).textSearch("english", "cat -dog")))
			.isEqualTo("to_tsvector((?)::regconfig, \"bio\") @@ websearch_to_tsquery((?)::regconfig, ?)");
		assertThat(values(where(User::bio).textSearch("cat"))).containsExactly("simple", "simple", "cat");
	}

	@Test
	void shouldRenderJsonbAndArrayOperatorsWithoutBareQuestionMarkOperators() {
		assertThat(sql(where("profile.city").is("Paris"))).isEqualTo("(\"profile\" ->> ?) = ?");
		assertThat(values(where("profile.city").is("Paris"))).containsExactly("city", "Paris");
		assertThat(sql(where("profile.stats.rank").greaterThan(3)))
			.isEqualTo("(((\"profile\" -> ?) ->> ?))::numeric > ?");
		assertThat(values(where("profile.stats.rank").greaterThan(3))).containsExactly("stats", "rank",
				new BigDecimal("3"));
		assertThat(sql(where("profile.vip").isTrue())).isEqualTo("((\"profile\" ->> ?))::boolean");
		assertThat(sql(where(User::profile).contains(Map.of("city", "Paris")))).isEqualTo("\"profile\" @> (?)::jsonb");
		assertThat(values(where(User::profile).contains(Map.of("city", "Paris"))))
			.containsExactly("{\"city\":\"Paris\"}");
		assertThat(sql(where(User::profile).hasKey("city"))).isEqualTo("jsonb_exists(\"profile\", ?)");
		assertThat(sql(where("profile.stats").hasKey("rank"))).isEqualTo("jsonb_exists((\"profile\" -> ?), ?)");
		assertThat(sql(where(User::tags).contains(List.of("a", "b")))).isEqualTo("\"tags\" @> ?");
		assertThat(sql(where(User::tags).overlaps(List.of("a")))).isEqualTo("\"tags\" && ?");
		assertThat(sql(where(User::tags).anyEquals("a"))).isEqualTo("? = ANY(\"tags\")");
	}

	@Test
	void shouldApplyAndBeforeOrAndParenthesiseGroups() {
		Criteria chain = where(User::age).is(1).or(User::age).is(2).and(User::name).is("x");
		assertThat(sql(chain)).isEqualTo("\"age\" = ? OR (\"age\" = ? AND \"name\" = ?)");
		Criteria grouped = where(User::age).is(1).and(where(User::name).is("a").or(User::name).is("b"));
		assertThat(sql(grouped)).isEqualTo("\"age\" = ? AND (\"name\" = ? OR \"name\" = ?)");
		assertThat(sql(grouped.not())).isEqualTo("NOT (\"age\" = ? AND (\"name\" = ? OR \"name\" = ?))");
		assertThat(sql(where(User::age).is(1).or(where(User::age).is(2).not())))
			.isEqualTo("\"age\" = ? OR NOT (\"age\" = ?)");
	}

	@Test
	void shouldRenderQueryUpdateAndDelete() {
		Query query = Query.query(where(User::age).greaterThan(18)).sort(Sort.by(User::name)).limit(10).offset(20);
		assertThat(this.statements.select(this.users, query).sql())
			.endsWith("FROM \"crit_user\" WHERE \"age\" > ? ORDER BY \"name\" LIMIT ? OFFSET ?");
		assertThat(this.statements.select(this.users, Query.empty().columns(User::id, User::name)).sql())
			.isEqualTo("SELECT \"id\", \"name\" FROM \"crit_user\"");
		PreparedSql update = this.statements.update(this.users, where(User::id).is(1L),
				Update.update(User::name, "n").increment(User::age, 1).setNull(User::bio));
		assertThat(update.sql())
			.isEqualTo("UPDATE \"crit_user\" SET \"name\" = ?, \"age\" = (\"age\" + ?), \"bio\" = ? WHERE \"id\" = ?");
		assertThat(update.values()).containsExactly("n", 1, null, 1L);
		assertThat(this.statements.delete(this.users, Criteria.empty()).sql()).isEqualTo("DELETE FROM \"crit_user\"");
	}

	@Test
	void shouldCacheOneTextPerShape() {
		PreparedSql first = this.statements.count(this.users, where(User::age).is(1));
		PreparedSql second = this.statements.count(this.users, where(User::age).is(2));
		assertThat(second.sql()).isSameAs(first.sql());
		assertThat(this.statements.cachedShapes()).isEqualTo(1);
	}

	@Test
	void shouldKeepTheShapeCacheBounded() {
		Criteria criteria = where(User::age).is(0);
		for (int i = 1; i <= 1100; i++) {
			criteria = criteria.and(User::age).is(i);
			this.statements.count(this.users, criteria);
		}
		assertThat(this.statements.cachedShapes()).isBetween(1, 1024);
	}

	@Test
	void shouldConvertLosslessNumbersAndRejectWrongTypesNamingPropertyAndType() {
		assertThat(values(where(User::age).is(3L))).containsExactly(3);
		assertThatThrownBy(() -> sql(where(User::age).is("3"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age")
			.hasMessageContaining("java.lang.Integer")
			.hasMessageContaining("java.lang.String");
		assertThatThrownBy(() -> sql(where(User::age).is(1.5))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> sql(where(User::age).is(Long.MAX_VALUE))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> sql(where(User::age).in(1, "2"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> sql(where(User::tags).contains(List.of(1))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.tags")
			.hasMessageContaining("java.lang.String");
		assertThatThrownBy(() -> sql(where("profile.city").is(List.of()))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.profile.city");
	}

	@Test
	void shouldRejectOperatorsTheTypeDoesNotSupport() {
		assertThatThrownBy(() -> sql(where(User::age).startsWith("1")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("startsWith")
			.hasMessageContaining("User.age")
			.hasMessageContaining("java.lang.Integer");
		assertThatThrownBy(() -> sql(where(User::age).isTrue())).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("boolean");
		assertThatThrownBy(() -> sql(where(User::name).overlaps(List.of("a"))))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.name");
		assertThatThrownBy(() -> sql(where(User::tags).greaterThan("a")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.tags");
		assertThatThrownBy(() -> sql(where(User::profile).is("{}")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.profile");
		assertThatThrownBy(() -> sql(where(User::age).is(1).ignoreCase(true)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> sql(where(User::age).in(1).ignoreCase(true)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class);
	}

	@Test
	void shouldRejectUnknownAndNestedNonJsonbPaths() {
		assertThatThrownBy(() -> sql(where("nope").is(1))).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'nope'")
			.hasMessageContaining("User");
		assertThatThrownBy(() -> sql(where("name.first").is("a")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("@Jsonb")
			.hasMessageContaining("'name'");
		assertThatThrownBy(() -> sql(where(Account::getOwner).is("a")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("Account");
		assertThatThrownBy(() -> this.statements.update(this.users, Criteria.empty(), Update.update("age", "x")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("User.age");
		assertThatThrownBy(() -> this.statements.update(this.users, Criteria.empty(),
				Update.update("name", "x").increment("name", 1)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("User.name");
	}

	@Table("crit_customer")
	record Customer(@Id Long id, @Jsonb Address address) {
	}

	record Address(String city, int zip) {
	}

	@Test
	void shouldReachIntoJsonbRecordsWithTypedPaths() {
		EntityStatements<Customer> customers = new EntityStatements<>(this.context.entity(Customer.class), this.codecs,
				new EntityInstantiators());
		Criteria criteria = where(TypedPropertyPath.of(Customer::address).then(Address::city)).is("Paris")
			.and(TypedPropertyPath.of(Customer::address).then(Address::zip))
			.greaterThan(75000);
		PreparedSql sql = this.statements.count(customers, criteria);
		assertThat(sql.sql()).isEqualTo("SELECT count(*) FROM \"crit_customer\" WHERE (\"address\" ->> ?) = ? AND "
				+ "((\"address\" ->> ?))::numeric > ?");
		assertThat(sql.values()).containsExactly("city", "Paris", "zip", new BigDecimal(75000));
		assertThat(this.statements.count(customers, where(Customer::address).contains(new Address("Paris", 75001)))
			.values()).containsExactly("{\"city\":\"Paris\",\"zip\":75001}");
	}

	@Test
	void shouldResolveBeanGettersAndNestedTypedPaths() {
		EntityStatements<Account> accounts = new EntityStatements<>(this.context.entity(Account.class), this.codecs,
				new EntityInstantiators());
		assertThat(this.statements.count(accounts, where(Account::getBalance).greaterThan(5)).sql())
			.isEqualTo("SELECT count(*) FROM \"crit_account\" WHERE \"balance\" > ?");
		assertThat(sql(Criteria.where(TypedPropertyPath.of(User::name)).is("a"))).isEqualTo("\"name\" = ?");
	}

}
