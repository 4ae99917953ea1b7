package io.databridge.postgres.autoconfigure.routing;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.routing.ReplicaFallback;
import io.databridge.postgres.routing.ReplicaState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@code databridge.pg.replicas.*} without a database: nothing listens on port
 * 1, so every replica here is unreachable.
 */
@ExtendWith(OutputCaptureExtension.class)
class PgReplicasAutoConfigurationTests {

	private static final String REPLICA_1 = "jdbc:postgresql://127.0.0.1:1/one";

	private static final String REPLICA_2 = "jdbc:postgresql://127.0.0.1:1/two";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgReplicasAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
				"spring.datasource.username=app", "spring.datasource.password=secret",
				"spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.pool-name=main");

	@Test
	void backsOffWithoutReplicas() {
		this.runner.run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class)
			.isNotInstanceOf(ReadRoutingDataSource.class));
	}

	@Test
	void wrapsBootsDataSourceWithAPoolPerReplicaBuiltFromBootsPoolSettings() {
		this.runner
			.withPropertyValues("databridge.pg.replicas.urls=" + REPLICA_1 + "," + REPLICA_2,
					"databridge.pg.replicas.timeout=500ms", "databridge.pg.replicas.fallback=fail")
			.run(context -> {
				ReadRoutingDataSource routing = (ReadRoutingDataSource) context.getBean(DataSource.class);
				assertThat(routing.getPrimary()).isInstanceOf(HikariDataSource.class);
				assertThat(routing.unwrap(HikariDataSource.class)).isSameAs(routing.getPrimary());
				assertThat(routing.getReplicas()).hasSize(2);
				HikariDataSource first = (HikariDataSource) routing.getReplicas().get(0).pool();
				assertThat(first.getJdbcUrl()).isEqualTo(REPLICA_1);
				assertThat(first.getPoolName()).isEqualTo("main-replica-1");
				assertThat(first.getMaximumPoolSize()).isEqualTo(3);
				assertThat(first.getUsername()).isEqualTo("app");
				assertThat(first.getPassword()).isEqualTo("secret");
				assertThat(first.isReadOnly()).isTrue();
				assertThat(first.getConnectionTimeout()).isEqualTo(500);
				assertThat(((HikariDataSource) routing.getReplicas().get(1).pool()).getPoolName())
					.isEqualTo("main-replica-2");
			});
	}

	@Test
	void replicaCredentialsOverrideBootsAndAUrlWithAUserKeepsItsOwn() {
		this.runner
			.withPropertyValues("databridge.pg.replicas.urls=" + REPLICA_1 + "," + REPLICA_2 + "?user=reader",
					"databridge.pg.replicas.username=replicas", "databridge.pg.replicas.password=pw")
			.run(context -> {
				ReadRoutingDataSource routing = (ReadRoutingDataSource) context.getBean(DataSource.class);
				HikariDataSource first = (HikariDataSource) routing.getReplicas().get(0).pool();
				HikariDataSource second = (HikariDataSource) routing.getReplicas().get(1).pool();
				assertThat(first.getUsername()).isEqualTo("replicas");
				assertThat(first.getPassword()).isEqualTo("pw");
				assertThat(second.getUsername()).isNull();
			});
	}

	@Test
	void anUnreachableReplicaIsNamedInAStartUpWarningAndIsOutOfRotation(CapturedOutput output) {
		this.runner.withPropertyValues("databridge.pg.replicas.urls=" + REPLICA_1).run(context -> {
			assertThat(context).hasNotFailed();
			ReadRoutingDataSource routing = (ReadRoutingDataSource) context.getBean(DataSource.class);
			assertThat(routing.replicaStates()).singleElement()
				.satisfies(state -> assertThat(state.status()).isEqualTo(ReplicaState.Status.DOWN));
			assertThat(output).contains("Read replica " + REPLICA_1 + " is not usable at start-up (DOWN");
		});
	}

	@Test
	void aUrlThatIsNotPostgresFailsTheStartNamingIt() {
		this.runner.withPropertyValues("databridge.pg.replicas.urls=jdbc:mysql://db/app")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"databridge.pg.replicas.urls: 'jdbc:mysql://db/app' is not a PostgreSQL JDBC URL"));
	}

	@Test
	void aNonPositiveMaxLagFailsTheStartNamingTheProperty() {
		this.runner.withPropertyValues("databridge.pg.replicas.urls=" + REPLICA_1, "databridge.pg.replicas.max-lag=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("databridge.pg.replicas.max-lag must be positive"));
	}

	@Test
	void closingTheContextClosesTheReplicaPools(CapturedOutput output) {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.runner.withPropertyValues("databridge.pg.replicas.urls=" + REPLICA_1).run(context -> {
			ReadRoutingDataSource routing = (ReadRoutingDataSource) context.getBean(DataSource.class);
			pool[0] = (HikariDataSource) routing.getReplicas().get(0).pool();
			assertThat(pool[0].isClosed()).isFalse();
		});
		assertThat(pool[0].isClosed()).as(output.getAll()).isTrue();
	}

	@Test
	void bindsFallbackAndTimings() {
		this.runner
			.withPropertyValues("databridge.pg.replicas.urls[0]=" + REPLICA_1, "databridge.pg.replicas.fallback=fail",
					"databridge.pg.replicas.check-interval=250ms", "databridge.pg.replicas.max-lag=3s")
			.run(context -> {
				PgReplicasProperties properties = context.getBean(PgReplicasProperties.class);
				assertThat(properties.toSettings().fallback()).isEqualTo(ReplicaFallback.FAIL);
				assertThat(properties.toSettings().checkInterval().toMillis()).isEqualTo(250);
				assertThat(properties.toSettings().maxLag().toSeconds()).isEqualTo(3);
				assertThat(context.getBean(DataSource.class)).isInstanceOf(ReadRoutingDataSource.class);
			});
	}

}
