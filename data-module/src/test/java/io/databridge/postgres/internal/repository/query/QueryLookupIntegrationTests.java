package io.databridge.postgres.internal.repository.query;

import java.util.List;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.annotation.Id;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code @EnablePgRepositories} advertises: named queries (the default
 * {@code META-INF/pg-named-queries.properties} and {@code namedQueriesLocation}), the
 * three query lookup strategies, and value expressions in {@code @Query}.
 */
class QueryLookupIntegrationTests {

	static TestDatabase db;

	@Table("ql_city")
	record LookupCity(@Id Long id, String name, String country) {
	}

	interface NamedRepo extends PgRepository<LookupCity, Long> {

		List<LookupCity> inCountry(String country);

		@Query("SELECT * FROM ql_city WHERE name = :name")
		List<LookupCity> byName(String name);

	}

	interface ExpressionRepo extends PgRepository<LookupCity, Long> {

		@Query("SELECT * FROM ql_city WHERE name = :#{#name.toUpperCase()} ORDER BY id")
		List<LookupCity> byUpperCaseName(String name);

		@Query("SELECT * FROM ql_city WHERE country = :#{[0]} AND name <> :#{[1]} ORDER BY id")
		List<LookupCity> inCountryExcept(String country, String name);

		@Query("SELECT * FROM ql_city WHERE country = :country AND id > :#{#minimum + 1} ORDER BY id")
		List<LookupCity> inCountryAbove(String country, long minimum);

	}

	interface DeclaredOrDerivedRepo extends PgRepository<LookupCity, Long> {

		@Query("SELECT * FROM ql_city WHERE country = :country AND false")
		List<LookupCity> findByCountry(String country);

	}

	interface UndeclaredRepo extends PgRepository<LookupCity, Long> {

		List<LookupCity> findByCountry(String country);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE ql_city (id bigint PRIMARY KEY, name text, country text);
				INSERT INTO ql_city VALUES (1, 'PARIS', 'FR'), (2, 'LYON', 'FR'), (3, 'BONN', 'DE'), (4, 'NICE', 'FR');
				""");
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
	@EnablePgRepositories(considerNestedRepositories = true, includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE,
			classes = { NamedRepo.class, ExpressionRepo.class, DeclaredOrDerivedRepo.class }))
	static class DefaultConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true,
			namedQueriesLocation = "classpath:databridge/other-named-queries.properties",
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NamedRepo.class))
	static class OtherLocationConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true, queryLookupStrategy = Key.CREATE,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DeclaredOrDerivedRepo.class))
	static class CreateConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true, queryLookupStrategy = Key.USE_DECLARED_QUERY,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE,
					classes = { DeclaredOrDerivedRepo.class, NamedRepo.class }))
	static class DeclaredConfig extends Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true, queryLookupStrategy = Key.USE_DECLARED_QUERY,
			includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = UndeclaredRepo.class))
	static class UndeclaredConfig extends Infrastructure {

	}

	@Test
	void shouldRunTheNamedQueryOfAMethodWithoutQueryFromTheDefaultLocation() {
		try (var context = new AnnotationConfigApplicationContext(DefaultConfig.class)) {
			assertThat(context.getBean(NamedRepo.class).inCountry("FR")).extracting(LookupCity::id)
				.containsExactly(1L, 2L, 4L);
		}
	}

	@Test
	void shouldPreferTheQueryAnnotationToANamedQuery() {
		try (var context = new AnnotationConfigApplicationContext(DefaultConfig.class)) {
			assertThat(context.getBean(NamedRepo.class).byName("BONN")).extracting(LookupCity::id).containsExactly(3L);
		}
	}

	@Test
	void shouldReadNamedQueriesFromTheConfiguredLocation() {
		try (var context = new AnnotationConfigApplicationContext(OtherLocationConfig.class)) {
			assertThat(context.getBean(NamedRepo.class).inCountry("FR")).extracting(LookupCity::id)
				.containsExactly(4L, 2L, 1L);
		}
	}

	@Test
	void shouldUseTheDeclaredQueryByDefaultAndWithUseDeclaredQuery() {
		try (var context = new AnnotationConfigApplicationContext(DefaultConfig.class)) {
			assertThat(context.getBean(DeclaredOrDerivedRepo.class).findByCountry("FR")).isEmpty();
		}
		try (var context = new AnnotationConfigApplicationContext(DeclaredConfig.class)) {
			assertThat(context.getBean(DeclaredOrDerivedRepo.class).findByCountry("FR")).isEmpty();
			assertThat(context.getBean(NamedRepo.class).inCountry("DE")).extracting(LookupCity::id).containsExactly(3L);
		}
	}

	@Test
	void shouldDeriveFromTheMethodNameAndIgnoreDeclaredQueriesWithCreate() {
		try (var context = new AnnotationConfigApplicationContext(CreateConfig.class)) {
			assertThat(context.getBean(DeclaredOrDerivedRepo.class).findByCountry("DE")).extracting(LookupCity::id)
				.containsExactly(3L);
		}
	}

	@Test
	void shouldFailTheStartForAMethodWithoutDeclaredQueryWithUseDeclaredQuery() {
		assertThatThrownBy(() -> new AnnotationConfigApplicationContext(UndeclaredConfig.class).close())
			.isInstanceOf(BeanCreationException.class)
			.hasCauseInstanceOf(QueryCreationException.class)
			.cause()
			.hasMessageContaining("findByCountry")
			.hasMessageContaining("LookupCity.findByCountry")
			.hasMessageContaining("USE_DECLARED_QUERY");
	}

	@Test
	void shouldEvaluateValueExpressionsOnEveryCall() {
		try (var context = new AnnotationConfigApplicationContext(DefaultConfig.class)) {
			ExpressionRepo repo = context.getBean(ExpressionRepo.class);
			assertThat(repo.byUpperCaseName("lyon")).extracting(LookupCity::id).containsExactly(2L);
			assertThat(repo.byUpperCaseName("nice")).extracting(LookupCity::id).containsExactly(4L);
			assertThat(repo.inCountryExcept("FR", "PARIS")).extracting(LookupCity::id).containsExactly(2L, 4L);
			assertThat(repo.inCountryAbove("FR", 1)).extracting(LookupCity::id).containsExactly(4L);
		}
	}

}
