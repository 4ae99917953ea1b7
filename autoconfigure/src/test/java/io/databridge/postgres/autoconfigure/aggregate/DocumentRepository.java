package io.databridge.postgres.autoconfigure.aggregate;

import io.databridge.postgres.repository.PgRepository;

/** Documents. */
public interface DocumentRepository extends PgRepository<Document, Long> {

}
