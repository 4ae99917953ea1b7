package io.databridge.postgres.internal.repository;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.internal.routing.RouteIntent;
import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.routing.PrimaryRead;
import io.databridge.postgres.routing.ReadRouting;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRoutingAdviceTests {

	record Thing(Long id, String name) {
	}

	interface Things extends PgRepository<Thing, Long> {

		List<Thing> findByName(String name);

		long countByName(String name);

		boolean existsByName(String name);

		@Query("select * from thing where name = :name")
		List<Thing> named(String name);

		@Modifying
		@Query("update thing set name = :name")
		int rename(String name);

		long deleteByName(String name);

		@BulkInsert
		long load(List<Thing> things);

		@PrimaryRead
		Optional<Thing> findFirstByName(String name);

		List<Thing> findingsOfTheDay();

	}

	@PrimaryRead
	interface PrimaryThings extends PgRepository<Thing, Long> {

		List<Thing> findByName(String name);

	}

	@Test
	void readsMayGoToAReplica() throws Exception {
		assertThat(intent(Things.class, "findByName", String.class)).isEqualTo(RouteIntent.READ);
		assertThat(intent(Things.class, "countByName", String.class)).isEqualTo(RouteIntent.READ);
		assertThat(intent(Things.class, "existsByName", String.class)).isEqualTo(RouteIntent.READ);
		assertThat(intent(Things.class, "named", String.class)).isEqualTo(RouteIntent.READ);
		assertThat(intent(Things.class, "findById", Object.class)).isEqualTo(RouteIntent.READ);
		assertThat(intent(Things.class, "count")).isEqualTo(RouteIntent.READ);
	}

	@Test
	void writesStateNothingAndSoGoToThePrimary() throws Exception {
		assertThat(intent(Things.class, "rename", String.class)).isEqualTo(RouteIntent.NONE);
		assertThat(intent(Things.class, "deleteByName", String.class)).isEqualTo(RouteIntent.NONE);
		assertThat(intent(Things.class, "save", Object.class)).isEqualTo(RouteIntent.NONE);
		assertThat(intent(Things.class, "findingsOfTheDay")).as("'findings' is not the prefix 'find'")
			.isEqualTo(RouteIntent.NONE);
	}

	@Test
	void bulkInsertAndPrimaryReadForceThePrimary() throws Exception {
		assertThat(intent(Things.class, "load", List.class)).isEqualTo(RouteIntent.PRIMARY);
		assertThat(intent(Things.class, "findFirstByName", String.class)).isEqualTo(RouteIntent.PRIMARY);
		assertThat(intent(PrimaryThings.class, "findByName", String.class)).isEqualTo(RouteIntent.PRIMARY);
	}

	@Test
	void anOuterPrimaryScopeWinsOverAnInnerRead() {
		assertThat(RouteIntent.current()).isEqualTo(RouteIntent.NONE);
		RouteIntent inner = ReadRouting.onPrimary(() -> ReadRouting.onReplica(RouteIntent::current));
		assertThat(inner).isEqualTo(RouteIntent.PRIMARY);
		assertThat(ReadRouting.onReplica(RouteIntent::current)).isEqualTo(RouteIntent.READ);
		assertThat(RouteIntent.current()).isEqualTo(RouteIntent.NONE);
	}

	@Test
	void onlyConnectionLossIsRetried() {
		SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
		SQLException io = new SQLException("An I/O error occurred", "08006");
		SQLException duplicate = new SQLException("duplicate key", "23505");
		assertThat((Object) ReadRoutingAdvice.lostConnection(new DataAccessResourceFailureException("x", shutdown)))
			.isSameAs(shutdown);
		assertThat((Object) ReadRoutingAdvice.lostConnection(new DataAccessResourceFailureException("x", io)))
			.isSameAs(io);
		assertThat((Object) ReadRoutingAdvice.lostConnection(new DuplicateKeyException("x", duplicate))).isNull();
	}

	private static RouteIntent intent(Class<?> repository, String name, Class<?>... parameters)
			throws NoSuchMethodException {
		return ReadRoutingAdvice.intentOf(repository.getMethod(name, parameters), repository);
	}

}
