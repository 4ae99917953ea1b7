package io.databridge.sample;

import io.databridge.postgres.repository.PgRepository;

/** CRUD, paging and sorting of users. */
public interface UserRepository extends PgRepository<User, Long> {
}
