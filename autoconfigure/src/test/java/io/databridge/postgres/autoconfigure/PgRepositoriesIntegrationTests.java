package io.databridge.postgres.autoconfigure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.databridge.postgres.autoconfigure.app.Customer;
import io.databridge.postgres.autoconfigure.app.CustomerRepository;
import io.databridge.postgres.autoconfigure.app.Product;
import io.databridge.postgres.autoconfigure.app.ProductRepository;
import io.databridge.postgres.autoconfigure.app.ShopDatabase;
import io.databridge.postgres.autoconfigure.app.ShopService;
import io.databridge.postgres.autoconfigure.app.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user journey end to end: a Boot application with no data-bridge annotation, Boot's
 * HikariCP DataSource and transaction manager, two repositories (a record and a class
 * entity).
 */
@SpringBootTest(classes = TestApplication.class)
class PgRepositoriesIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ShopDatabase.register(registry);
	}

	@Autowired
	CustomerRepository customers;

	@Autowired
	ProductRepository products;

	@Autowired
	ShopService shop;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void clean() {
		this.customers.deleteAll();
		this.products.deleteAll();
	}

	@Test
	void recordEntityRoundTripsEveryCrudMethod() {
		Customer ada = this.customers.save(Customer.of("Ada", 36));
		assertThat(ada.id()).isNotNull();
		List<Customer> more = this.customers.saveAll(List.of(Customer.of("Bob", 20), Customer.of("Cy", 50)));
		assertThat(more).allSatisfy(c -> assertThat(c.id()).isNotNull());
		assertThat(this.customers.findById(ada.id())).contains(ada);
		assertThat(this.customers.findById(-1L)).isEmpty();
		assertThat(this.customers.existsById(ada.id())).isTrue();
		assertThat(this.customers.existsById(-1L)).isFalse();
		assertThat(this.customers.count()).isEqualTo(3);
		assertThat(this.customers.findAll()).hasSize(3);
		assertThat(this.customers.findAllById(List.of(ada.id(), more.get(0).id()))).extracting(Customer::name)
			.containsExactlyInAnyOrder("Ada", "Bob");

		Customer older = this.customers.save(ada.withAge(37));
		assertThat(this.customers.findById(ada.id())).contains(older);

		this.customers.delete(older);
		assertThat(this.customers.existsById(ada.id())).isFalse();
		this.customers.deleteById(more.get(0).id());
		assertThat(this.customers.count()).isEqualTo(1);
		this.customers.deleteAllById(List.of(more.get(1).id()));
		assertThat(this.customers.count()).isZero();
		this.customers.saveAll(List.of(Customer.of("Dee", 1), Customer.of("Eve", 2)));
		this.customers.deleteAll(this.customers.findAll());
		assertThat(this.customers.count()).isZero();
	}

	@Test
	void recordEntityPagesAndSorts() {
		for (int i = 0; i < 7; i++) {
			this.customers.save(Customer.of("N" + i, 30 + (i % 3)));
		}
		assertThat(this.customers.findAll(Sort.by(Sort.Order.desc("age"), Sort.Order.asc("name"))))
			.extracting(Customer::name)
			.containsExactly("N2", "N5", "N1", "N4", "N0", "N3", "N6");
		Page<Customer> page = this.customers.findAll(PageRequest.of(1, 3, Sort.by("name")));
		assertThat(page.getContent()).extracting(Customer::name).containsExactly("N3", "N4", "N5");
		assertThat(page.getTotalElements()).isEqualTo(7);
		assertThat(page.getTotalPages()).isEqualTo(3);
		Page<Customer> last = this.customers.findAll(PageRequest.of(2, 3, Sort.by("name")));
		assertThat(last.getContent()).extracting(Customer::name).containsExactly("N6");
		assertThat(last.isLast()).isTrue();
	}

	@Test
	void classEntityWithAssignedIdHonoursPersistable() {
		Product lamp = this.products.save(new Product("L-1", "Lamp", new BigDecimal("19.99")));
		Optional<Product> read = this.products.findById("L-1");
		assertThat(read).hasValueSatisfying(p -> {
			assertThat(p.getName()).isEqualTo("Lamp");
			assertThat(p.getPrice()).isEqualByComparingTo("19.99");
			assertThat(p.isNew()).isFalse();
		});
		Product loaded = read.orElseThrow();
		loaded.setPrice(new BigDecimal("17.50"));
		this.products.save(loaded);
		assertThat(this.products.findById("L-1").orElseThrow().getPrice()).isEqualByComparingTo("17.50");
		assertThat(this.products.findAll(Sort.by("name"))).hasSize(1);
		assertThat(lamp.getSku()).isEqualTo("L-1");
	}

	@Test
	void classEntityRoundTripsEveryCrudMethod() {
		List<Product> saved = this.products.saveAll(List.of(new Product("A-1", "Anvil", new BigDecimal("50.00")),
				new Product("B-1", "Bell", new BigDecimal("5.00")), new Product("C-1", "Chain", null)));
		assertThat(saved).extracting(Product::getSku).containsExactly("A-1", "B-1", "C-1");
		assertThat(this.products.count()).isEqualTo(3);
		assertThat(this.products.existsById("B-1")).isTrue();
		assertThat(this.products.existsById("Z-9")).isFalse();
		assertThat(this.products.findById("C-1")).hasValueSatisfying(p -> assertThat(p.getPrice()).isNull());
		assertThat(this.products.findAllById(List.of("A-1", "C-1", "Z-9"))).extracting(Product::getName)
			.containsExactlyInAnyOrder("Anvil", "Chain");
		assertThat(this.products.findAll()).hasSize(3);
		assertThat(this.products.findAll(PageRequest.of(0, 2, Sort.by(Sort.Direction.DESC, "price"))).getContent())
			.extracting(Product::getSku)
			.containsExactly("C-1", "A-1");
		this.products.deleteById("A-1");
		this.products.delete(this.products.findById("B-1").orElseThrow());
		assertThat(this.products.findAll()).extracting(Product::getSku).containsExactly("C-1");
		this.products.saveAll(List.of(new Product("D-1", "Drum", null), new Product("E-1", "Easel", null)));
		this.products.deleteAllById(List.of("D-1"));
		this.products.deleteAll(List.of(this.products.findById("E-1").orElseThrow()));
		assertThat(this.products.findAll()).extracting(Product::getSku).containsExactly("C-1");
		this.products.deleteAll();
		assertThat(this.products.count()).isZero();
	}

	@Test
	void transactionalServiceRollsBackBothRepositoryCalls() {
		assertThatThrownBy(() -> this.shop.saveBothThenFail(Customer.of("Tx", 1), new Product("T-1", "Tx", null)))
			.isInstanceOf(IllegalStateException.class);
		assertThat(this.customers.count()).isZero();
		assertThat(this.products.count()).isZero();
		this.shop.saveBoth(Customer.of("Tx", 1), new Product("T-1", "Tx", null));
		assertThat(this.customers.count()).isOne();
		assertThat(this.products.count()).isOne();
	}

	@Test
	void badInputFailsClearlyAndWritesNothing() {
		assertThatThrownBy(() -> this.customers.findAll(Sort.by("nope")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("nope")
			.hasMessageContaining("Customer");
		assertThatThrownBy(() -> this.customers.save(null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.customers.findById(null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.customers.saveAll(java.util.Arrays.asList(Customer.of("Ok", 1), null)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.customers.count()).as("nothing written by a failed saveAll").isZero();
		this.customers.save(Customer.of("Dup", 1));
		assertThatThrownBy(() -> this.customers.saveAll(List.of(Customer.of("Fresh", 2), Customer.of("Dup", 3))))
			.isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
		assertThat(this.customers.count()).as("saveAll is one transaction").isOne();
	}

}
