package io.databridge.postgres.internal.repository.query;

import java.util.List;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.repository.query.QueryCreationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repository creation fails, naming the repository, the method and the property, for
 * methods that cannot run; with {@code validateQueries} PostgreSQL parses every statement
 * first.
 */
class QueryValidationIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("qv_user")
	record User(@Id Long id, String name, int age, boolean active) {
	}

	interface UnknownProperty extends PgRepository<User, Long> {

		List<User> findByNickname(String nickname);

	}

	interface MissingParameter extends PgRepository<User, Long> {

		List<User> findByNameAndAge(String name);

	}

	interface ExtraParameter extends PgRepository<User, Long> {

		List<User> findByName(String name, int age);

	}

	interface IncomparableParameter extends PgRepository<User, Long> {

		List<User> findByAge(String age);

	}

	interface LikeOnNumber extends PgRepository<User, Long> {

		List<User> findByAgeStartingWith(String prefix);

	}

	interface InWithoutCollection extends PgRepository<User, Long> {

		List<User> findByAgeIn(int age);

	}

	interface UnsupportedKeyword extends PgRepository<User, Long> {

		List<User> findByAgeNear(int age);

	}

	interface SqlTypo extends PgRepository<User, Long> {

		@Query("SELEC * FROM qv_user")
		List<User> broken();

	}

	interface MissingColumn extends PgRepository<User, Long> {

		@Query("SELECT * FROM qv_user WHERE nickname = :nickname")
		List<User> byNickname(String nickname);

	}

	interface UnknownNamedParameter extends PgRepository<User, Long> {

		@Query("SELECT * FROM qv_user WHERE name = :nom")
		List<User> byName(String name);

	}

	interface PositionOutOfRange extends PgRepository<User, Long> {

		@Query("SELECT * FROM qv_user WHERE name = ?2")
		List<User> byName(String name);

	}

	interface UnusedParameter extends PgRepository<User, Long> {

		@Query("SELECT * FROM qv_user WHERE name = :name")
		List<User> byName(String name, int age);

	}

	interface Destructive extends PgRepository<User, Long> {

		@io.databridge.postgres.repository.Modifying
		@Query("DELETE FROM qv_user")
		int deleteEverything();

		long deleteByAgeGreaterThan(int age);

	}

	interface Valid extends PgRepository<User, Long> {

		List<User> findByNameAndAgeGreaterThan(String name, int age);

		@Query("SELECT * FROM qv_user WHERE name = :name")
		List<User> byName(String name);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute(
				"CREATE TABLE qv_user (id bigint PRIMARY KEY, name text, age int NOT NULL, active boolean NOT NULL)");
		template = new PgTemplate(db.dataSource());
	}

	static void assertFails(Class<?> repository, String method, String... fragments) {
		assertThatThrownBy(() -> new PgRepositoryFactory(template).getRepository(repository))
			.isInstanceOf(QueryCreationException.class)
			.hasMessageContaining(repository.getName() + "." + method)
			.hasMessageContainingAll(fragments);
	}

	@Test
	void unknownPropertyFailsNamingIt() {
		assertFails(UnknownProperty.class, "findByNickname", "nickname");
	}

	@Test
	void wrongParameterCountFails() {
		assertFails(MissingParameter.class, "findByNameAndAge", "needs 2 argument(s)", "declares 1");
		assertFails(ExtraParameter.class, "findByName", "needs 1 argument(s)", "declares 2");
	}

	@Test
	void incomparableParameterTypesFail() {
		assertFails(IncomparableParameter.class, "findByAge", "'age'", "String");
		assertFails(LikeOnNumber.class, "findByAgeStartingWith", "'age'", "String property");
		assertFails(InWithoutCollection.class, "findByAgeIn", "'age'", "Collection or array");
		assertFails(UnsupportedKeyword.class, "findByAgeNear", "'age'", "NEAR");
	}

	@Test
	void postgresParsesEveryQueryAtStartUp() {
		assertFails(SqlTypo.class, "broken", "PostgreSQL rejected", "syntax error", "SELEC");
		assertFails(MissingColumn.class, "byNickname", "PostgreSQL rejected", "nickname", "does not exist");
	}

	@Test
	void validationDescribesWithoutExecuting() {
		db.execute("INSERT INTO qv_user VALUES (1, 'kept', 30, true)");
		try {
			new PgRepositoryFactory(template).getRepository(Destructive.class);
			assertThat(template.count(User.class)).isEqualTo(1);
		}
		finally {
			db.execute("DELETE FROM qv_user");
		}
	}

	@Test
	void validationCanBeSwitchedOff() {
		PgRepositoryFactory factory = new PgRepositoryFactory(template);
		factory.setValidateQueries(false);
		assertThat(factory.getRepository(MissingColumn.class)).isNotNull();
	}

	@Test
	void queryParametersMustResolve() {
		assertFails(UnknownNamedParameter.class, "byName", "'nom'");
		assertFails(PositionOutOfRange.class, "byName", "?2");
		assertFails(UnusedParameter.class, "byName", "age", "not used");
	}

	@Test
	void validRepositoryStarts() {
		Valid repo = new PgRepositoryFactory(template).getRepository(Valid.class);
		assertThat(repo.byName("nobody")).isEmpty();
		assertThat(repo.findByNameAndAgeGreaterThan("nobody", 1)).isEmpty();
	}

}
