package io.databridge.postgres.test.autoconfigure.sample;

import java.util.List;

import io.databridge.postgres.repository.PgRepository;

public interface NoteRepository extends PgRepository<Note, Long> {

	List<Note> findByTitle(String title);

}
