package io.databridge.postgres.test.autoconfigure.sample;

import io.databridge.postgres.test.autoconfigure.DataPgTest;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataPgTest} on a Testcontainers PostgreSQL through {@code @ServiceConnection}.
 * Skipped, with Testcontainers' reason, where no Docker is available.
 */
@Testcontainers(disabledWithoutDocker = true)
@DataPgTest
class DataPgTestServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection
	static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");

	@Autowired
	private NoteRepository notes;

	@Test
	void usesTheContainersDatabase() {
		this.notes.save(new Note(null, "in a container", null));
		assertThat(this.notes.findByTitle("in a container")).hasSize(1);
		assertThat(postgres.isRunning()).isTrue();
	}

}
