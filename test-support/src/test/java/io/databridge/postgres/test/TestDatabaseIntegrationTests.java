package io.databridge.postgres.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Runs against the server that {@link DatabaseLocator} finds (on a developer machine
 * usually localhost:5432).
 */
class TestDatabaseIntegrationTests {

	@Test
	void sharedDatabaseIsFreshAndUsable() throws SQLException {
		TestDatabase db = TestDatabase.shared();

		assertThat(TestDatabase.shared()).isSameAs(db);
		assertThat(db.databaseName()).matches("dbt_\\d+_[0-9a-f]{6}");
		assertThat(db.jdbcUrl()).contains("/" + db.databaseName());
		assertThat(db.source()).isIn("environment", "localhost:5432", "embedded");
		assertThat(exists(db.databaseName())).isTrue();

		db.execute("""
				CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL);
				CREATE INDEX person_name ON person (name);
				""");
		DataSource dataSource = db.dataSource();
		assertThat(db.dataSource()).isSameAs(dataSource);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO person VALUES (?, ?)")) {
			insert.setLong(1, 1);
			insert.setString(2, "Ada");
			insert.executeUpdate();
		}
		try (Connection connection = db.openConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT current_database(), name FROM person WHERE id = 1")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo(db.databaseName());
			assertThat(rows.getString(2)).isEqualTo("Ada");
		}
	}

	@Test
	void createdDatabaseIsSeparateAndDropRemovesIt() throws SQLException {
		TestDatabase db = TestDatabase.create("isolation test");
		assertThat(db.databaseName()).isNotEqualTo(TestDatabase.shared().databaseName());
		assertThat(db.toString()).contains(db.databaseName(), "isolation test");
		db.execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
		try (Connection connection = db.dataSource().getConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery(
							"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("isolation test");
		}
		Connection open = db.openConnection(); // left open on purpose: drop disconnects
												// it

		db.drop();

		assertThat(exists(db.databaseName())).isFalse();
		assertThat(open.isValid(2)).isFalse();
		open.close();
		db.drop(); // a second drop does nothing
		assertThatIllegalStateException().isThrownBy(db::dataSource).withMessageContaining("dropped");
	}

	@Test
	void executeReportsFailingSql() {
		assertThatIllegalStateException().isThrownBy(() -> TestDatabase.shared().execute("SELECT * FROM no_such_table"))
			.withMessageContaining("no_such_table")
			.withMessageContaining(TestDatabase.shared().databaseName());
	}

	@Test
	void leftoversOlderThanSixHoursAreDropped() throws SQLException {
		ServerInfo server = DatabaseLocator.locate();
		Instant now = Instant.now();
		// random names, and no claim about which JVM dropped the old one: other test runs
		// may clean up concurrently
		String old = DatabaseNames.newName(now.minus(Duration.ofHours(7)), new Random());
		String recent = DatabaseNames.newName(now.minus(Duration.ofHours(1)), new Random());
		try {
			assertThat(DatabaseAdmin.create(server, old)).isTrue();
			assertThat(DatabaseAdmin.create(server, recent)).isTrue();

			assertThat(DatabaseAdmin.dropLeftovers(server, now, DatabaseNames.LEFTOVER_AGE)).doesNotContain(recent,
					TestDatabase.shared().databaseName());

			assertThat(exists(old)).isFalse();
			assertThat(exists(recent)).isTrue();
		}
		finally {
			DatabaseAdmin.drop(server, old);
			DatabaseAdmin.drop(server, recent);
		}
	}

	@Test
	void ensureDatabaseCreatesOnceAndKeepsIt() throws SQLException {
		ServerInfo server = DatabaseLocator.locate();
		String name = DatabaseNames.newName(Instant.now(), new Random());
		try {
			String url = DatabaseLocator.ensureDatabase(name);
			assertThat(DatabaseLocator.ensureDatabase(name)).isEqualTo(url);
			assertThat(url).isEqualTo(server.jdbcUrl(name));
			try (Connection connection = DatabaseAdmin.connect(url, server.username(), server.password(), 0);
					ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo(name);
			}
		}
		finally {
			DatabaseAdmin.drop(server, name);
		}
	}

	private static boolean exists(String database) throws SQLException {
		try (Connection connection = DatabaseAdmin.connectMaintenance(DatabaseLocator.locate());
				PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

}
