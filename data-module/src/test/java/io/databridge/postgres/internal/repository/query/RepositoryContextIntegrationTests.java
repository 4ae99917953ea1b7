package io.databridge.postgres.internal.repository.query;

import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query methods in a Spring context: a bad method fails the context; a good one runs with
 * the context's transactions.
 */
class RepositoryContextIntegrationTests {

	static TestDatabase db;

	@Table("rc_user")
	record User(@Id Long id, String name) {
	}

	interface GoodRepo extends PgRepository<User, Long> {

		List<User> findByNameStartingWith(String prefix);

		Stream<User> streamByNameNotNull();

		@Transactional(readOnly = true)
		Stream<User> streamByNameStartingWith(String prefix);

	}

	@Table("rc_ghost")
	record Ghost(@Id Long id, String name) {
	}

	interface GhostRepo extends PgRepository<Ghost, Long> {

		List<Ghost> findByName(String name);

	}

	interface BadRepo extends PgRepository<User, Long> {

		List<User> findByNickname(String nickname);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute(
				"CREATE TABLE rc_user (id bigint PRIMARY KEY, name text); INSERT INTO rc_user VALUES (1, 'ann'), (2, 'bob')");
	}

	static class Infrastructure {

		// the shared test DataSource outlives every context
		@Bean(destroyMethod = "")
		DataSource dataSource() {
			return db.dataSource();
		}

		@Bean
		PgTemplate pgTemplate(DataSource dataSource) {
			return new PgTemplate(dataSource);
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GoodRepo.class))
	static class GoodConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = BadRepo.class))
	static class BadConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GhostRepo.class))
	static class GhostConfig extends Infrastructure {

	}

	@Test
	void aMissingTableFailsTheContextNamingTheEntityAndTheTable() {
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(GhostConfig.class).close())
			.hasCauseInstanceOf(QueryCreationException.class)
			.cause()
			.hasMessageContaining(GhostRepo.class.getName() + ".findByName")
			.hasMessageContaining("the table rc_ghost of entity " + Ghost.class.getName() + " does not exist")
			.hasMessageContaining("Flyway migration");
	}

	@Test
	void badQueryMethodFailsTheContext() {
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(BadConfig.class).close())
			.isInstanceOf(BeanCreationException.class)
			.rootCause()
			.hasMessageContaining("nickname");
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(BadConfig.class).close())
			.hasCauseInstanceOf(QueryCreationException.class)
			.cause()
			.hasMessageContaining(BadRepo.class.getName() + ".findByNickname");
	}

	@Test
	void goodRepositoryRunsQueriesAndStreamsInTheContextsTransactions() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(GoodConfig.class)) {
			GoodRepo repo = context.getBean(GoodRepo.class);
			assertThat(repo.findByNameStartingWith("a")).extracting(User::id).containsExactly(1L);
			TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			List<Long> ids = tx.execute(status -> {
				try (Stream<User> users = repo.streamByNameNotNull()) {
					return users.map(User::id).sorted().toList();
				}
			});
			assertThat(ids).containsExactly(1L, 2L);
		}
	}

	@Test
	void aStreamReadAfterTheRepositoryMethodsOwnTransactionEndedSaysSo() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(GoodConfig.class)) {
			GoodRepo repo = context.getBean(GoodRepo.class);
			try (Stream<User> users = repo.streamByNameStartingWith("a")) {
				assertThatThrownBy(users::toList).isInstanceOf(InvalidDataAccessApiUsageException.class)
					.hasMessageContaining("streamByNameStartingWith")
					.hasMessageContaining("read after the transaction it was opened in had ended")
					.hasMessageContaining("caller's @Transactional method");
			}
		}
	}

}
