package io.databridge.postgres.test.autoconfigure.sample;

import java.util.Map;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.test.TestDatabase;
import io.databridge.postgres.test.autoconfigure.DataPgTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.context.transaction.TestTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataPgTest} with nothing configured: the database comes from test-support's
 * locator, Flyway creates the table, only data-bridge beans start and each test is rolled
 * back.
 */
@DataPgTest
class DataPgTestIntegrationTests {

	@Autowired
	private NoteRepository notes;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DataSource dataSource;

	@Test
	void savesAndReadsAJsonbPropertyThroughTheRepository() {
		Note saved = this.notes.save(new Note(null, "first", Map.of("tags", java.util.List.of("a", "b"))));
		assertThat(saved.id()).isNotNull();
		assertThat(this.notes.findByTitle("first")).singleElement()
			.satisfies(note -> assertThat(note.meta()).containsEntry("tags", java.util.List.of("a", "b")));
	}

	@Test
	void startsOnlyTheDataSliceWithItsSchemaTool() {
		assertThat(this.context.getBeanNamesForType(PgTemplate.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(Flyway.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(NoteService.class)).isEmpty();
	}

	@Test
	void runsEachTestInATransactionThatIsRolledBack() {
		assertThat(TestTransaction.isActive()).isTrue();
		assertThat(TestTransaction.isFlaggedForRollback()).isTrue();
		assertThat(DataSourceUtils.isConnectionTransactional(DataSourceUtils.getConnection(this.dataSource),
				this.dataSource))
			.isTrue();
	}

	@Test
	void usesTheDatabaseOfTheTestSupportLocator() throws Exception {
		try (var connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).isEqualTo(TestDatabase.shared().jdbcUrl());
		}
	}

	@AfterAll
	static void nothingWasCommitted() {
		assertThat(TestDatabase.shared().queryForString("select count(*) from slice_note")).isEqualTo("0");
	}

}
