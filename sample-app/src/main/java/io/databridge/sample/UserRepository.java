package io.databridge.sample;

import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.repository.PgRepository;

/** CRUD, paging and sorting of users, and a bulk import. */
public interface UserRepository extends PgRepository<User, Long> {

	/**
	 * Loads users by binary COPY, in parallel over pooled connections, all or nothing.
	 * @param users the users, streamed (never held in memory all at once)
	 * @return the number of rows written
	 */
	@BulkInsert
	long importUsers(Stream<User> users);

}
