package io.databridge.postgres.test.autoconfigure.sample;

import org.springframework.stereotype.Service;

/** A service: a {@code @DataPgTest} leaves it out. */
@Service
public class NoteService {

}
