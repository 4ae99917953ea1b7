package io.databridge.benchmarks.contenders.databridge;

import io.databridge.postgres.repository.PgRepository;

/** data-bridge's repository for {@link DbUser}. */
public interface DbUserRepository extends PgRepository<DbUser, Long> {
}
