package io.databridge.postgres.core;

import java.util.List;
import java.util.stream.Stream;

import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An entity whose table does not exist: the template's paths, {@code stream(...)}
 * included, and a repository with CRUD methods only (which passes start-up validation,
 * having no query method to validate) fail with the library's message naming the entity
 * and the table, the one start-up validation of query methods gives, not pgjdbc's
 * "relation does not exist" alone.
 */
class MissingTableIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	@Table("mt_absent")
	record Absent(@Id Long id, String name) {
	}

	interface AbsentRepository extends PgRepository<Absent, Long> {

	}

	@BeforeAll
	static void template() {
		db = TestDatabase.shared();
		db.execute("DROP TABLE IF EXISTS mt_absent");
		template = new PgTemplate(db.dataSource());
	}

	@Test
	void streamNamesTheEntityAndTheTable() {
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
		assertNamesTheTable(() -> tx.executeWithoutResult((status) -> {
			try (Stream<Absent> rows = template.stream(Query.query(Criteria.where("name").is("ann")), Absent.class)) {
				rows.toList();
			}
		}));
	}

	@Test
	void templateReadsAndWritesNameTheEntityAndTheTable() {
		assertNamesTheTable(() -> template.findById(1L, Absent.class));
		assertNamesTheTable(() -> template.findAll(Absent.class));
		assertNamesTheTable(() -> template.count(Absent.class));
		assertNamesTheTable(() -> template.findAll(Criteria.where("name").is("ann"), Absent.class));
		assertNamesTheTable(() -> template.insert(new Absent(1L, "ann")));
	}

	@Test
	void crudOnlyRepositoryNamesTheEntityAndTheTable() {
		AbsentRepository repository = new PgRepositoryFactory(template).getRepository(AbsentRepository.class);
		assertNamesTheTable(() -> repository.findById(1L));
		assertNamesTheTable(repository::findAll);
		assertNamesTheTable(repository::count);
		assertNamesTheTable(() -> repository.existsById(1L));
		assertNamesTheTable(() -> repository.findAllById(List.of(1L, 2L)));
		assertNamesTheTable(() -> repository.deleteById(1L));
		assertNamesTheTable(() -> repository.save(new Absent(null, "ann")));
		assertNamesTheTable(() -> repository.saveAll(List.of(new Absent(null, "ann"), new Absent(null, "bob"))));
	}

	private static void assertNamesTheTable(ThrowingCallable call) {
		assertThatThrownBy(call).isInstanceOf(BadSqlGrammarException.class)
			.hasMessageContaining("the table mt_absent of entity " + Absent.class.getName() + " does not exist")
			.hasMessageContaining("@Table");
	}

}
