package io.databridge.postgres.autoconfigure.actuate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.autoconfigure.PgDataAutoConfiguration;
import io.databridge.postgres.observation.PgDatabaseStatistics;
import io.databridge.postgres.observation.PgMonitor;
import io.databridge.postgres.observation.PgTableStatistics;
import io.databridge.postgres.routing.ReplicaState;
import io.databridge.postgres.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code databridge} health contributor and the statistics meters, with Boot's real
 * health and metrics auto-configurations, against the real server.
 */
class PgActuatorIntegrationTests {

	private static final TestDatabase db = TestDatabase.create("actuator");

	private static final String GID = "databridge_bulk_6b6b6b6b6b6b6b6b_0";

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.execute("DROP TABLE IF EXISTS act_row; CREATE TABLE act_row (id bigint PRIMARY KEY)");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class,
							HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
							MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							SimpleMetricsExportAutoConfiguration.class, PgActuatorAutoConfiguration.class))
			.withPropertyValues("databridge.pg.statistics.interval=1h");
		for (Map.Entry<String, String> property : db.springDataSourceProperties().entrySet()) {
			this.runner = this.runner.withPropertyValues(property.getKey() + "=" + property.getValue());
		}
	}

	@AfterAll
	static void dropDatabase() {
		db.drop();
	}

	@Test
	void shouldReportUpWithVersionAndPrimaryRole() {
		this.runner.run((context) -> {
			HealthIndicator indicator = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
				.getContributor("databridge");
			Health health = indicator.health(true);

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("role", "primary")
				.containsEntry("version", db.queryForString("SHOW server_version"))
				.containsEntry("inDoubtLoads", 0L);
		});
	}

	@Test
	void shouldReportDownWhileABulkLoadIsInDoubtPastTheGrace() throws SQLException {
		try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("INSERT INTO act_row SELECT generate_series(1, 3)");
			statement.execute("PREPARE TRANSACTION '" + GID + "'");
			connection.setAutoCommit(true);
		}
		try {
			this.runner.withPropertyValues("databridge.pg.health.in-doubt-grace=0s").run((context) -> {
				Health health = context.getBean(PgHealthIndicator.class).health(true);

				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("inDoubtLoads", 1L).containsKey("oldestInDoubt");
				assertThat((String) health.getDetails().get("reason")).contains("in doubt")
					.contains("pg_prepared_xacts");
			});
			this.runner.withPropertyValues("databridge.pg.health.in-doubt-grace=1h")
				.run((context) -> assertThat(context.getBean(PgHealthIndicator.class).health(true).getStatus())
					.isEqualTo(Status.UP));
		}
		finally {
			db.execute("ROLLBACK PREPARED '" + GID + "'");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldShowEachReplicasStateAndLagWithoutMakingThePrimaryDown() {
		PgMonitor monitor = new PgMonitor(db.dataSource(), Duration.ofSeconds(5));
		List<ReplicaState> replicas = List.of(
				new ReplicaState("jdbc:postgresql://r1/app", ReplicaState.Status.UP, Duration.ofMillis(40), "ok", null),
				new ReplicaState("jdbc:postgresql://r2/app", ReplicaState.Status.DOWN, null, "Connection refused",
						null));

		Health health = new PgHealthIndicator(monitor, Duration.ofMinutes(1), () -> replicas).health(true);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		Map<String, Map<String, Object>> details = (Map<String, Map<String, Object>>) health.getDetails()
			.get("replicas");
		assertThat(details.get("jdbc:postgresql://r1/app")).containsEntry("status", "UP")
			.containsEntry("lag", "PT0.04S");
		assertThat(details.get("jdbc:postgresql://r2/app")).containsEntry("status", "DOWN")
			.containsEntry("detail", "Connection refused");
	}

	@Test
	void shouldBackOffWhenTheHealthIndicatorIsDisabled() {
		this.runner.withPropertyValues("management.health.databridge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PgHealthIndicator.class));
	}

	@Test
	void shouldBackOffWhenStatisticsAreDisabled() {
		this.runner.withPropertyValues("databridge.pg.statistics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PgStatisticsMetrics.class)
				.hasSingleBean(PgHealthIndicator.class));
	}

	@Test
	void allowsUserToDefineCustomMonitor() {
		this.runner.withBean(PgMonitor.class, () -> new PgMonitor(db.dataSource(), Duration.ofSeconds(7)))
			.run((context) -> assertThat(context.getBean(PgMonitor.class).timeout()).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void shouldPublishStatisticsEqualToADirectReadOfTheSameViews() {
		db.execute("INSERT INTO act_row SELECT generate_series(1, 50); ANALYZE act_row");
		this.runner.withPropertyValues("databridge.pg.statistics.interval=1h").run((context) -> {
			PgStatisticsMetrics metrics = context.getBean(PgStatisticsMetrics.class);
			PgMonitor monitor = context.getBean(PgMonitor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// tables are named explicitly: this context maps no entity
			PgStatisticsMetrics explicit = new PgStatisticsMetrics(monitor, () -> List.of("act_row"),
					Duration.ofHours(1));
			try {
				explicit.bindTo(registry);
				explicit.refresh();
				PgDatabaseStatistics direct = monitor.databaseStatistics();
				PgTableStatistics table = monitor.tableStatistics(List.of("act_row")).get(0);

				assertThat(registry.get("databridge.db.deadlocks").functionCounter().count())
					.isEqualTo(direct.deadlocks());
				assertThat(registry.get("databridge.db.temp.files").functionCounter().count())
					.isEqualTo(direct.tempFiles());
				assertThat(registry.get("databridge.db.cache.hit.ratio").gauge().value()).isBetween(0.0, 1.0);
				assertThat(
						registry.get("databridge.db.transactions").tag("outcome", "commit").functionCounter().count())
					.isPositive()
					.isLessThanOrEqualTo(direct.commits());
				assertThat(registry.get("databridge.table.tuples")
					.tags("table", "act_row", "state", "live")
					.gauge()
					.value()).isEqualTo(table.liveTuples()).isEqualTo(50.0);
				assertThat(registry.get("databridge.table.scans")
					.tags("table", "act_row", "type", "sequential")
					.functionCounter()
					.count()).isEqualTo(table.sequentialScans());
				assertThat(metrics).isNotNull();
			}
			finally {
				explicit.destroy();
			}
		});
	}

}
