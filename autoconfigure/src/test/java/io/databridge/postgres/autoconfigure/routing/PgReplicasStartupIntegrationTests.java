package io.databridge.postgres.autoconfigure.routing;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.databridge.postgres.routing.ReadRouting;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.routing.ReplicaState;
import io.databridge.postgres.routing.RoutingDecision;
import io.databridge.postgres.routing.RoutingListener;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad replica configuration on the machine's server, no standby needed: a replica URL
 * that points at a primary, and an unreachable one with either fallback.
 */
@ExtendWith(OutputCaptureExtension.class)
class PgReplicasStartupIntegrationTests {

	private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/nowhere";

	private final TestDatabase db = TestDatabase.shared();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgReplicasAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.db.jdbcUrl(),
				"spring.datasource.username=" + this.db.username(), "spring.datasource.hikari.maximum-pool-size=2",
				"databridge.pg.replicas.timeout=1s");

	@Test
	void aReplicaThatIsAPrimaryIsNamedAtStartUpAndReadsStayOnThePrimary(CapturedOutput output) {
		this.runner.withPropertyValues("databridge.pg.replicas.urls=" + this.db.jdbcUrl()).run(context -> {
			ReadRoutingDataSource routing = (ReadRoutingDataSource) context.getBean(DataSource.class);
			assertThat(routing.replicaStates()).singleElement()
				.satisfies(state -> assertThat(state.status()).isEqualTo(ReplicaState.Status.NOT_A_REPLICA));
			assertThat(output)
				.contains("Read replica " + this.db.jdbcUrl() + " is not usable at start-up (NOT_A_REPLICA: "
						+ "pg_is_in_recovery() is false: this server is a primary, not a standby)");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(ReadRouting.onReplica(() -> jdbc.queryForObject("SELECT 1", Integer.class))).isOne();
		});
	}

	@Test
	void withFallbackToThePrimaryReadsWorkWhileTheOnlyReplicaIsUnreachable(CapturedOutput output) {
		Logger routingLog = (Logger) LoggerFactory.getLogger("io.databridge.routing");
		Level level = routingLog.getLevel();
		routingLog.setLevel(Level.DEBUG);
		try {
			this.runner.withUserConfiguration(Decisions.class)
				.withPropertyValues("databridge.pg.replicas.urls=" + UNREACHABLE)
				.run(context -> assertFallsBackToThePrimary(context.getBean(JdbcTemplate.class),
						context.getBean(Decisions.class)));
		}
		finally {
			routingLog.setLevel(level);
		}
		assertThat(output).contains("fallback for a read outside a transaction: no usable replica -> primary");
	}

	private static void assertFallsBackToThePrimary(JdbcTemplate jdbc, Decisions decisions) {
		assertThat(ReadRouting.onReplica(() -> jdbc.queryForObject("SELECT 1", Integer.class))).isOne();
		assertThat(decisions.last).isNotNull()
			.satisfies(decision -> assertThat(decision.replica()).isFalse())
			.satisfies(decision -> assertThat(decision.reason())
				.isEqualTo("fallback for a read outside a transaction: no usable replica"));
	}

	@Test
	void withFallbackFailReadsFailNamingTheReplicaAndWritesStillWork() {
		this.runner
			.withPropertyValues("databridge.pg.replicas.urls=" + UNREACHABLE, "databridge.pg.replicas.fallback=fail")
			.run(context -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThatThrownBy(() -> ReadRouting.onReplica(() -> jdbc.queryForObject("SELECT 1", Integer.class)))
					.isInstanceOf(TransientDataAccessResourceException.class)
					.hasMessageContaining("No read replica is usable")
					.hasMessageContaining(UNREACHABLE + " DOWN");
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isOne();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Decisions implements RoutingListener {

		volatile RoutingDecision last;

		@Override
		public void routed(RoutingDecision decision) {
			this.last = decision;
		}

	}

}
