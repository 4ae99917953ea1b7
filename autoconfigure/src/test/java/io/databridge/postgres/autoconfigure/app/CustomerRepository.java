package io.databridge.postgres.autoconfigure.app;

import io.databridge.postgres.repository.PgRepository;

public interface CustomerRepository extends PgRepository<Customer, Long> {

}
