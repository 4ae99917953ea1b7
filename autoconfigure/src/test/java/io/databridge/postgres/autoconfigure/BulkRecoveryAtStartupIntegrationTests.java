package io.databridge.postgres.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.databridge.postgres.bulk.InDoubtRecovery;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup recovery of crash-consistent bulk inserts against the real server: a load a
 * dead JVM left prepared, without a commit decision and with no coordinator holding its
 * lease, is rolled back once the application is ready, at once (no grace period); with
 * nothing in doubt nothing is created.
 */
class BulkRecoveryAtStartupIntegrationTests {

	/**
	 * A database of its own: the ledger table is dropped between tests, which the shared
	 * one's users rely on.
	 */
	private static final TestDatabase db = TestDatabase.create("bulk-recovery-at-startup");

	private static final String GID = "databridge_bulk_5a5a5a5a5a5a5a5a_0";

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.execute("DROP TABLE IF EXISTS brs_row; DROP TABLE IF EXISTS databridge_2pc_ledger; "
				+ "CREATE TABLE brs_row (id bigint PRIMARY KEY)");
		this.runner = new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
						DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class));
		for (var property : db.springDataSourceProperties().entrySet()) {
			this.runner = this.runner.withPropertyValues(property.getKey() + "=" + property.getValue());
		}
	}

	@AfterEach
	void tearDown() {
		if (!"0".equals(query("SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + GID + "'"))) {
			db.execute("ROLLBACK PREPARED '" + GID + "'");
		}
		db.execute("DROP TABLE IF EXISTS brs_row; DROP TABLE IF EXISTS databridge_2pc_ledger");
	}

	@AfterAll
	static void dropDatabase() {
		db.drop();
	}

	@Test
	void shouldRollBackALoadLeftPreparedWithoutADecision() throws SQLException {
		try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("INSERT INTO brs_row SELECT generate_series(1, 10)");
			statement.execute("PREPARE TRANSACTION '" + GID + "'");
			connection.setAutoCommit(true);
		}

		this.runner.run(context -> {
			InDoubtRecovery resolution = context.getBean(BulkRecoveryAtStartup.class).recover();

			assertThat(resolution).isNotNull();
			assertThat(resolution.rolledBack()).containsExactly(GID);
			assertThat(resolution.committed()).isEmpty();
		});
		assertThat(query("SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + GID + "'")).isEqualTo("0");
		assertThat(query("SELECT count(*) FROM brs_row")).isEqualTo("0");
	}

	@Test
	void shouldTouchNothingWhenNothingIsInDoubt() {
		this.runner.run(context -> {
			InDoubtRecovery resolution = context.getBean(BulkRecoveryAtStartup.class).recover();

			assertThat(resolution).isNotNull();
			assertThat(resolution.rolledBack()).isEmpty();
			assertThat(resolution.committed()).isEmpty();
		});
		assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'databridge_2pc_ledger'"))
			.as("no ledger table created")
			.isEqualTo("0");
	}

	@Test
	void shouldLogRatherThanFailWhenTheDatabaseIsUnreachable() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
					"spring.datasource.hikari.connection-timeout=250")
			.run(context -> assertThat(context.getBean(BulkRecoveryAtStartup.class).recover()).isNull());
	}

	private static String query(String sql) {
		return db.queryForString(sql);
	}

}
