package io.databridge.postgres.autoconfigure.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.databridge.postgres.autoconfigure.app.CustomerRepository;
import io.databridge.postgres.autoconfigure.app.ShopDatabase;
import io.databridge.postgres.autoconfigure.app.TestApplication;
import io.databridge.postgres.observation.PgCatalog;
import io.databridge.postgres.observation.PgCatalogEntry;
import io.databridge.postgres.observation.PgStatementKind;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement catalogue of a Boot application: every repository method's statements,
 * exactly as the server receives them, and the endpoint's view of it.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = "management.endpoints.web.exposure.include=health,databridge")
class PgCatalogIntegrationTests {

	private static final TestDatabase db = TestDatabase.shared();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ShopDatabase.register(registry);
	}

	@Autowired
	PgCatalog catalog;

	@Autowired
	PgCatalogEndpoint endpoint;

	@Autowired
	CustomerRepository customers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void shouldListTheSqlOfADerivedQueryExactlyAsTheServerReceivesIt() {
		PgCatalogEntry entry = only("findByNameStartingWithOrderByAgeDesc(String)");
		assertThat(entry.kind()).isEqualTo(PgStatementKind.DERIVED);
		assertThat(entry.validated()).isTrue();
		assertThat(entry.table()).isEqualTo("ac_customer");
		assertThat(entry.parameters()).containsExactly("prefix (starting with)");

		assertThat(receivedByTheServer(() -> this.customers.findByNameStartingWithOrderByAgeDesc("A%b")))
			.isEqualTo(withServerPlaceholders(entry.sql()));
	}

	@Test
	void shouldListDeclaredQueriesAndCrudStatements() {
		PgCatalogEntry declared = only("olderThan(int)");
		assertThat(declared.kind()).isEqualTo(PgStatementKind.QUERY);
		assertThat(declared.parameters()).containsExactly("age");
		assertThat(receivedByTheServer(() -> this.customers.olderThan(200)))
			.isEqualTo(withServerPlaceholders(declared.sql()));

		PgCatalogEntry findById = only("findById(ID)");
		assertThat(findById.kind()).isEqualTo(PgStatementKind.CRUD);
		assertThat(receivedByTheServer(() -> this.customers.findById(-1L)))
			.isEqualTo(withServerPlaceholders(findById.sql()));
		assertThat(this.catalog.entries("CustomerRepository")).extracting(PgCatalogEntry::method)
			.contains("save(S)", "count()", "deleteAll()");
	}

	@Test
	void shouldDescribeMappingsAndNeverHoldBindValues() {
		this.customers.findByNameStartingWithOrderByAgeDesc("SECRET-VALUE");
		String text = this.catalog.toText();

		assertThat(text).contains("CustomerRepository (Customer -> ac_customer)")
			.contains("findByNameStartingWithOrderByAgeDesc(String) [DERIVED, validated]")
			.contains("createdAt -> created_at (Instant")
			.doesNotContain("SECRET-VALUE");
		PgCatalogEndpoint.CatalogDescriptor descriptor = this.endpoint.catalog();
		assertThat(descriptor.repositories()).containsKeys("CustomerRepository", "ProductRepository");
		Map<String, List<PgCatalogEntry>> one = this.endpoint.repository("CustomerRepository");
		assertThat(one).containsKey("olderThan(int)");
		assertThat(this.endpoint.repository("NoSuchRepository")).isNull();
	}

	private PgCatalogEntry only(String method) {
		List<PgCatalogEntry> entries = this.catalog.entries("CustomerRepository")
			.stream()
			.filter((entry) -> entry.method().equals(method))
			.toList();
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	/**
	 * Runs the call in a transaction and reads, from another session, the text of the
	 * last statement its backend received ({@code pg_stat_activity.query}).
	 */
	private String receivedByTheServer(Runnable call) {
		AtomicReference<String> received = new AtomicReference<>();
		this.transactions.executeWithoutResult((status) -> {
			Integer pid = this.jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
			call.run();
			received.set(db.queryForString("SELECT query FROM pg_stat_activity WHERE pid = " + pid));
		});
		return received.get();
	}

	/** pgjdbc sends each {@code ?} as {@code $1}, {@code $2}, ... */
	private static String withServerPlaceholders(String sql) {
		StringBuilder out = new StringBuilder();
		int n = 0;
		for (char c : sql.toCharArray()) {
			if (c == '?') {
				out.append('$').append(++n);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
