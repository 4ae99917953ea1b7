package io.databridge.benchmarks.jmh;

import java.sql.Connection;

import javax.sql.DataSource;

import io.databridge.benchmarks.ReadTable;
import io.databridge.benchmarks.contenders.databridge.DbUserRepository;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.test.TestDatabase;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A fresh database with {@code bench_user} filled, and data-bridge wired as an
 * application gets it (repositories behind Spring's proxies, a template that knows the
 * context). One per JMH trial; {@link #close()} drops the database.
 */
final class BenchDatabase implements AutoCloseable {

	private final TestDatabase db;

	private final AnnotationConfigApplicationContext context;

	BenchDatabase(int rows) throws Exception {
		this.db = TestDatabase.create("jmh");
		try (Connection connection = this.db.openConnection()) {
			ReadTable.create(connection, rows);
		}
		DataSource ds = this.db.dataSource();
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean("dataSource", DataSource.class, () -> ds, bd -> bd.setDestroyMethodName(""));
		this.context.registerBean("pgTemplate", PgTemplate.class, () -> new PgTemplate(ds));
		this.context.registerBean("transactionManager", PlatformTransactionManager.class,
				() -> new JdbcTransactionManager(ds));
		this.context.register(Repositories.class);
		this.context.refresh();
	}

	DataSource dataSource() {
		return this.db.dataSource();
	}

	PgTemplate template() {
		return this.context.getBean(PgTemplate.class);
	}

	DbUserRepository repository() {
		return this.context.getBean(DbUserRepository.class);
	}

	@Override
	public void close() {
		this.context.close();
		this.db.drop();
	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(basePackageClasses = DbUserRepository.class)
	static class Repositories {

	}

}
