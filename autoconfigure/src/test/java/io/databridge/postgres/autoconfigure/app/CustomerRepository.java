package io.databridge.postgres.autoconfigure.app;

import java.util.List;
import java.util.stream.Stream;

import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;

public interface CustomerRepository extends PgRepository<Customer, Long> {

	List<Customer> findByNameStartingWithOrderByAgeDesc(String prefix);

	@Query("select * from ac_customer where age > :age")
	List<Customer> olderThan(int age);

	Stream<Customer> streamByNameStartingWith(String prefix);

}
