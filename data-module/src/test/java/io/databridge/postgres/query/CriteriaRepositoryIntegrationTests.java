package io.databridge.postgres.query;

import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.query.CriteriaFixtures.User;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.databridge.postgres.query.Criteria.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The criteria methods of {@code PgRepository}, through a repository Spring Data created.
 */
@SpringJUnitConfig(CriteriaRepositoryIntegrationTests.Config.class)
class CriteriaRepositoryIntegrationTests {

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(basePackageClasses = CriteriaUserRepository.class)
	static class Config {

		@Bean
		DataSource dataSource() {
			TestDatabase db = TestDatabase.shared();
			db.execute(CriteriaFixtures.DDL);
			return db.dataSource();
		}

		@Bean
		PgTemplate pgTemplate(DataSource dataSource) {
			return new PgTemplate(new JdbcTemplate(dataSource), new PgMappingContext(), CriteriaFixtures.codecs());
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	@Autowired
	CriteriaUserRepository users;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void rows() {
		this.users.deleteAll();
		this.users.saveAll(List.of(User.of(1, "Ada", 36), User.of(2, "Alan", 41), User.of(3, "bob", 17)));
	}

	@Test
	void shouldQueryWithCriteria() {
		Criteria adults = where(User::age).greaterThan(18);
		assertThat(this.users.findAll(adults.and(User::name).startsWith("A"), Sort.by(User::name))).extracting(User::id)
			.containsExactly(1L, 2L);
		assertThat(this.users.findAll(adults)).hasSize(2);
		assertThat(this.users.findAll(adults, PageRequest.of(0, 1, Sort.by("age"))).getContent()).extracting(User::id)
			.containsExactly(1L);
		assertThat(this.users.findOne(where(User::name).is("bob"))).map(User::age).contains(17);
		assertThat(this.users.count(adults)).isEqualTo(2);
		assertThat(this.users.exists(where(User::age).greaterThan(50))).isFalse();
	}

	@Test
	void shouldUpdateAndDeleteWithCriteria() {
		assertThat(this.users.update(where(User::name).startsWith("A"), Update.update(User::age, 50))).isEqualTo(2);
		assertThat(this.users.count(where(User::age).is(50))).isEqualTo(2);
		assertThat(this.users.delete(where(User::age).is(50))).isEqualTo(2);
		assertThat(this.users.findAll()).extracting(User::id).containsExactly(3L);
	}

	@Test
	void shouldStreamOnlyInsideCallersTransaction() {
		assertThatThrownBy(() -> this.users.stream(Criteria.empty()))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("transaction");
		List<Long> ids = new TransactionTemplate(this.transactionManager).execute(status -> {
			try (Stream<User> stream = this.users.stream(where(User::age).lessThan(40))) {
				return stream.map(User::id).sorted().toList();
			}
		});
		assertThat(ids).containsExactly(1L, 3L);
	}

}
