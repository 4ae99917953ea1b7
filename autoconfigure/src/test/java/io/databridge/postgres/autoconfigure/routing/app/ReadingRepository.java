package io.databridge.postgres.autoconfigure.routing.app;

import java.util.List;
import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.routing.PrimaryRead;

import org.springframework.transaction.annotation.Transactional;

public interface ReadingRepository extends PgRepository<Reading, Long> {

	@Query("SELECT pg_is_in_recovery()")
	boolean onStandby();

	@PrimaryRead
	@Query("SELECT pg_is_in_recovery()")
	boolean onStandbyForcedToPrimary();

	@BulkInsert
	long load(List<Reading> readings);

	@Transactional(readOnly = true)
	Stream<Reading> streamByIdGreaterThan(long id);

}
