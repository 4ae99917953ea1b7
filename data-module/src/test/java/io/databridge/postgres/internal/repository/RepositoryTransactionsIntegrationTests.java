package io.databridge.postgres.internal.repository;

import java.util.List;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which repository calls open a transaction: single-statement reads none (one round trip
 * in auto-commit), joining the caller's when there is one; paged reads a read-only one;
 * writes a read-write one.
 */
class RepositoryTransactionsIntegrationTests {

	static TestDatabase db;

	static AnnotationConfigApplicationContext context;

	@Table("repo_tx_item")
	record Item(@Id Long id, String name) {
	}

	/** Reads the server's view of the transaction a statement runs in. */
	public interface Items extends PgRepository<Item, Long> {

		/** "on" inside a read-only transaction. */
		@Query("SELECT current_setting('transaction_read_only')")
		String readOnlySetting();

		List<Item> findByName(String name);

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(considerNestedRepositories = true, includeFilters = @ComponentScan.Filter(
			type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE, classes = Items.class))
	static class Config {

		/** The shared test database's pool: the context must not close it. */
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
			return new JdbcTransactionManager(dataSource);
		}

	}

	@BeforeAll
	static void start() {
		db = TestDatabase.shared();
		db.execute(
				"CREATE TABLE repo_tx_item (id bigint PRIMARY KEY, name text); INSERT INTO repo_tx_item VALUES (1, 'a')");
		context = new AnnotationConfigApplicationContext(Config.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void shouldRunSingleStatementReadsWithoutATransaction() {
		Items items = context.getBean(Items.class);
		assertThat(items.readOnlySetting()).isEqualTo("off");
		assertThat(items.findById(1L)).contains(new Item(1L, "a"));
		assertThat(items.findByName("a")).containsExactly(new Item(1L, "a"));
	}

	@Test
	void shouldJoinTheCallersTransactionForReads() {
		Items items = context.getBean(Items.class);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		tx.executeWithoutResult(status -> {
			items.save(new Item(2L, "b"));
			assertThat(items.findById(2L)).contains(new Item(2L, "b"));
			assertThat(items.findByName("b")).containsExactly(new Item(2L, "b"));
			status.setRollbackOnly();
		});
		assertThat(items.findById(2L)).isEmpty();
	}

	@Test
	void shouldJoinAReadOnlyCallerTransactionAndPageInOne() {
		Items items = context.getBean(Items.class);
		assertThat(items.findAll(PageRequest.of(0, 10)).getTotalElements()).isEqualTo(1);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		tx.setReadOnly(true);
		String setting = tx.execute(status -> items.readOnlySetting());
		assertThat(setting).isEqualTo("on");
	}

}
