package io.databridge.benchmarks.contenders.sdjdbc;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Spring Data JDBC's repository for {@link SdUser}: a derived range query and a streaming
 * query.
 */
public interface SdUserRepository extends ListCrudRepository<SdUser, Long> {

	/**
	 * The id-range select, as a derived query.
	 * @param fromId first id
	 * @param toId id after the last
	 * @return the users, by id
	 */
	List<SdUser> findByIdGreaterThanEqualAndIdLessThanOrderByIdAsc(long fromId, long toId);

	/**
	 * Every user, streamed (call inside a transaction; the JDBC template's fetch size
	 * applies).
	 * @return the open stream; close it
	 */
	@Query("SELECT id, name, email, age, active, score, balance, created_at, external_id, profile FROM bench_user")
	Stream<SdUser> streamAll();

}
