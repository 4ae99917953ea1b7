package io.databridge.postgres.autoconfigure.actuate;

import io.databridge.postgres.autoconfigure.app.Customer;
import io.databridge.postgres.autoconfigure.app.CustomerRepository;
import io.databridge.postgres.autoconfigure.app.ShopDatabase;
import io.databridge.postgres.autoconfigure.app.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application with Actuator and Micrometer on the class path and no configuration:
 * Spring Data's repository invocation metrics time {@code PgRepository} calls, the
 * {@code databridge} health contributor is registered, and the mapped tables get
 * statistics meters.
 */
@SpringBootTest(classes = TestApplication.class, properties = "databridge.pg.statistics.interval=1h")
class PgActuatorApplicationIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ShopDatabase.register(registry);
	}

	@Autowired
	CustomerRepository customers;

	@Autowired
	MeterRegistry registry;

	@Autowired
	HealthContributorRegistry health;

	@Autowired
	PgStatisticsMetrics statistics;

	@Test
	void shouldTimeRepositoryInvocationsWithSpringDataMetrics() {
		Customer saved = this.customers.save(Customer.of("Metric", 41));
		for (int i = 0; i < 5; i++) {
			this.customers.findById(saved.id());
		}

		Timer timer = this.registry.get("spring.data.repository.invocations")
			.tag("repository", "CustomerRepository")
			.tag("method", "findById")
			.tag("state", "SUCCESS")
			.timer();
		assertThat(timer.count()).isEqualTo(5);
	}

	@Test
	void shouldRegisterTheDatabridgeHealthContributor() {
		HealthIndicator indicator = (HealthIndicator) this.health.getContributor("databridge");

		assertThat(indicator).isInstanceOf(PgHealthIndicator.class);
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void shouldPublishStatisticsOfMappedTables() {
		this.customers.save(Customer.of("Stats", 30));
		this.statistics.refresh();

		assertThat(this.registry.get("databridge.table.tuples").tag("table", "ac_customer").gauges()).hasSize(2);
		assertThat(this.registry.get("databridge.db.cache.hit.ratio").gauge().value()).isBetween(0.0, 1.0);
	}

}
