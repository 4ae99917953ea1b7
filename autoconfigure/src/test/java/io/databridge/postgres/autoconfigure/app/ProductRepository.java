package io.databridge.postgres.autoconfigure.app;

import io.databridge.postgres.repository.PgRepository;

public interface ProductRepository extends PgRepository<Product, String> {

}
