package io.databridge.benchmarks.contenders.databridge;

import java.util.List;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.repository.PgRepository;

/** data-bridge's repository for {@link DbUser}. */
public interface DbUserRepository extends PgRepository<DbUser, Long> {

	/**
	 * Loads users by parallel binary COPY, all or nothing ({@code databridge.pg.bulk.*}
	 * defaults).
	 * @param users the users
	 * @return the number of rows written
	 */
	@BulkInsert
	long importUsers(List<DbUser> users);

	/**
	 * The id-range select as a derived query.
	 * @param from first id
	 * @param to id after the last
	 * @return the users, by id
	 */
	List<DbUser> findByIdGreaterThanEqualAndIdLessThanOrderByIdAsc(long from, long to);

}
