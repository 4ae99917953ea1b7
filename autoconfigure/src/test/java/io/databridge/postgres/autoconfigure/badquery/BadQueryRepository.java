package io.databridge.postgres.autoconfigure.badquery;

import java.util.List;

import io.databridge.postgres.autoconfigure.app.Customer;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;

public interface BadQueryRepository extends PgRepository<Customer, Long> {

	@Query("select * from ac_customer where nmae = :name")
	List<Customer> byName(String name);

}
