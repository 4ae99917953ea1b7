package io.databridge.postgres.query;

import java.util.List;
import java.util.Map;

import io.databridge.postgres.query.CriteriaFixtures.User;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Sort;

import static io.databridge.postgres.query.Criteria.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Criteria, Query and Update as values: structure, equality, toString. */
class CriteriaTests {

	@Test
	void shouldBeEqualByStructureWhateverTheSpelling() {
		Criteria typed = where(User::age).greaterThan(18).and(User::name).startsWith("A");
		Criteria named = where("age").greaterThan(18).and("name").startsWith("A");
		assertThat(typed.root()).isNotEqualTo(named.root()); // typed paths remember their
																// declaring type
		assertThat(typed).isEqualTo(where(User::age).greaterThan(18).and(where(User::name).startsWith("A")));
		assertThat(typed).hasSameHashCodeAs(where(User::age).greaterThan(18).and(User::name).startsWith("A"));
		assertThat(named).isNotEqualTo(where("age").greaterThan(19).and("name").startsWith("A"));
		assertThat(where("data").is(new byte[] { 1, 2 })).isEqualTo(where("data").is(new byte[] { 1, 2 }));
	}

	@Test
	void shouldCompareQueriesAndUpdatesByStructure() {
		Query query = Query.query(where(User::age).is(1))
			.sort(Sort.by(User::name))
			.limit(5)
			.offset(10)
			.columns(User::id);
		Query same = Query.query(where(User::age).is(1)).sort(Sort.by("name")).limit(5).offset(10).columns(User::id);
		assertThat(query).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(query).isNotEqualTo(query.limit(6));
		// a typed path also names its declaring type, so it differs from the same name as
		// a string
		assertThat(Query.empty().columns(User::id)).isNotEqualTo(Query.empty().columns("id"));
		assertThat(Update.update(User::age, 1).setNull(User::bio))
			.isEqualTo(Update.update(User::age, 1).setNull(User::bio));
		assertThat(Update.update("age", 1)).isNotEqualTo(Update.update("age", 2));
	}

	@Test
	void shouldShowSqlShapeWithPlaceholders() {
		assertThat(where(User::age).greaterThan(18).and(User::name).startsWith("A"))
			.hasToString("\"age\" > ? AND \"name\" LIKE ?");
		assertThat(where("profile.city").is("Paris").or(User::tags).contains(List.of("x")))
			.hasToString("(\"profile\" ->> ?) = ? OR \"tags\" @> ?");
		assertThat(Criteria.not(where("a").is(1))).hasToString("NOT (\"a\" = ?)");
		assertThat(Criteria.empty()).hasToString("TRUE");
		assertThat(Query.query(where("a").is(1)).sort(Sort.by("b")).limit(3))
			.hasToString("SELECT * WHERE \"a\" = ? ORDER BY b: ASC LIMIT ?");
		assertThat(Update.update("name", "x").increment("logins", 1).setNull("bio"))
			.hasToString("SET \"name\" = ?, \"logins\" = (\"logins\" + ?), \"bio\" = ?");
	}

	@Test
	void shouldNeverChangeWhenExtended() {
		Criteria base = where("a").is(1);
		Criteria extended = base.and("b").is(2);
		base.or("c").is(3);
		base.not();
		assertThat(base).hasToString("\"a\" = ?");
		assertThat(extended).hasToString("\"a\" = ? AND \"b\" = ?");
		Update update = Update.update("a", 1);
		update.set("b", 2);
		assertThat(update.assignments()).hasSize(1);
		assertThat(Update.update("a", 1).set("a", 2).assignments()).singleElement()
			.extracting(Update.Assignment::value)
			.isEqualTo(2);
	}

	@Test
	void shouldRejectNullValuesAndMisplacedIgnoreCase() {
		assertThatThrownBy(() -> where("a").is(null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("isNull()");
		assertThatThrownBy(() -> where("a").in(1, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Criteria.empty().ignoreCase(true)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> where("a..b")).isInstanceOf(IllegalArgumentException.class);
		assertThat(where("a").is("x").ignoreCase(true)).isNotEqualTo(where("a").is("x"));
		assertThat(where(User::profile).contains(Map.of("k", 1)))
			.isEqualTo(where(User::profile).contains(Map.of("k", 1)));
	}

}
