package io.databridge.postgres.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.databridge.postgres.autoconfigure.app.Customer;
import io.databridge.postgres.autoconfigure.app.CustomerRepository;
import io.databridge.postgres.autoconfigure.app.ShopDatabase;
import io.databridge.postgres.autoconfigure.app.TestApplication;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.observation.PgBulkContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observations and the SQL log with Boot's real observation and metrics
 * auto-configurations: statements become {@code databridge.statement} timers tagged with
 * operation, table and outcome; a bulk insert's observation carries rows and mode; the
 * SQL log shows statements and redacts bind values.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "logging.level.io.databridge.sql=TRACE", "databridge.pg.statistics.enabled=false" })
@Import(PgObservationIntegrationTests.Recorder.class)
@ExtendWith(OutputCaptureExtension.class)
class PgObservationIntegrationTests {

	/**
	 * The SQL log goes back to its configured level: Boot set it on the JVM's one logger
	 * context, where the later test classes would print every statement.
	 */
	@AfterAll
	static void sqlLogAtItsConfiguredLevel() {
		LoggingSystem.get(PgObservationIntegrationTests.class.getClassLoader()).setLogLevel("io.databridge.sql", null);
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ShopDatabase.register(registry);
	}

	@Autowired
	CustomerRepository customers;

	@Autowired
	PgTemplate template;

	@Autowired
	MeterRegistry registry;

	@Autowired
	Recorder recorder;

	@Test
	void shouldTimeEveryStatementWithOperationTableAndOutcome(CapturedOutput output) {
		Customer saved = this.customers.save(Customer.of("Observed", 44));
		double before = selects();
		for (int i = 0; i < 7; i++) {
			this.customers.findById(saved.id());
		}
		this.customers.findByNameStartingWithOrderByAgeDesc("Obs");

		assertThat(selects() - before).isEqualTo(8);
		assertThat(this.registry.get("databridge.statement")
			.tags("db.operation", "insert", "db.sql.table", "ac_customer", "outcome", "success")
			.timer()
			.count()).isPositive();
		assertThat(output).contains("select ac_customer in ")
			.contains("bind values: [1 values redacted]")
			.doesNotContain("Observed'");
	}

	@Test
	void shouldObserveABulkInsertWithRowsAndMode() {
		this.recorder.bulk.clear();
		List<Customer> rows = List.of(Customer.of("Bulk-1", 1), Customer.of("Bulk-2", 2), Customer.of("Bulk-3", 3));

		this.template.insertAll(rows, Customer.class, BulkOptions.defaults());

		assertThat(this.recorder.bulk).singleElement().satisfies((context) -> {
			assertThat(context.getTable()).isEqualTo("ac_customer");
			assertThat(context.getRows()).isEqualTo(3);
			assertThat(context.getLowCardinalityKeyValue("databridge.bulk.atomicity").getValue())
				.isEqualTo(BulkOptions.defaults().atomicity().name());
		});
		assertThat(this.registry.get("databridge.bulk").tag("db.sql.table", "ac_customer").timer().count())
			.isPositive();
	}

	private double selects() {
		return this.registry.find("databridge.statement")
			.tags("db.operation", "select", "db.sql.table", "ac_customer", "outcome", "success")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.count())
			.sum();
	}

	/** Records the bulk observations it is handed. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recorder {

		final List<PgBulkContext> bulk = new CopyOnWriteArrayList<>();

		@Bean
		ObservationHandler<PgBulkContext> bulkRecorder() {
			return new ObservationHandler<>() {
				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof PgBulkContext;
				}

				@Override
				public void onStop(PgBulkContext context) {
					Recorder.this.bulk.add(context);
				}
			};
		}

	}

}
