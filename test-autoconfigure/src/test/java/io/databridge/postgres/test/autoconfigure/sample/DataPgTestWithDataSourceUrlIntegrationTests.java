package io.databridge.postgres.test.autoconfigure.sample;

import javax.sql.DataSource;

import io.databridge.postgres.test.TestDatabase;
import io.databridge.postgres.test.autoconfigure.DataPgTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataPgTest} on the database {@code spring.datasource.url} names, with a
 * component brought in through {@code includeFilters}.
 */
@DataPgTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NoteService.class))
class DataPgTestWithDataSourceUrlIntegrationTests {

	private static final TestDatabase database = TestDatabase.create("slice-url");

	@Autowired
	private NoteRepository notes;

	@Autowired
	private NoteService service;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		database.springDataSourceProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void usesTheConfiguredUrlAndTheIncludedComponent() throws Exception {
		try (var connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).isEqualTo(database.jdbcUrl());
		}
		assertThat(this.service).isNotNull();
		this.notes.save(new Note(null, "kept until rollback", null));
		assertThat(this.notes.count()).isEqualTo(1);
	}

	@AfterAll
	static void dropDatabase() {
		assertThat(database.queryForString("select count(*) from slice_note")).isEqualTo("0");
		database.drop();
	}

}
