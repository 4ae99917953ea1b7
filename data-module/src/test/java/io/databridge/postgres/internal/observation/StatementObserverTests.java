package io.databridge.postgres.internal.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.databridge.postgres.internal.routing.RouteTrace;
import io.databridge.postgres.observation.PgBulkContext;
import io.databridge.postgres.observation.PgStatementContext;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/** Observations of statements and bulk loads, on a registry that records them. */
class StatementObserverTests {

	private final List<Observation.Context> stopped = new ArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	StatementObserverTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				StatementObserverTests.this.stopped.add(context);
			}
		});
	}

	@Test
	void shouldObserveAStatementWithLowCardinalityTagsAndTheSqlButNoBindValues() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false);

		int result = observer.statement("users", "SELECT * FROM \"users\" WHERE \"id\" = ?", () -> 42);

		assertThat(result).isEqualTo(42);
		assertThat(this.stopped).singleElement().isInstanceOfSatisfying(PgStatementContext.class, (context) -> {
			assertThat(context.getName()).isEqualTo("databridge.statement");
			assertThat(context.getContextualName()).isEqualTo("select users");
			assertThat(context.getLowCardinalityKeyValues()).extracting(KeyValue::getKey, KeyValue::getValue)
				.contains(tuple("db.operation", "select"), tuple("db.sql.table", "users"), tuple("outcome", "success"));
			assertThat(context.getHighCardinalityKeyValues()).extracting(KeyValue::getValue)
				.containsExactly("SELECT * FROM \"users\" WHERE \"id\" = ?")
				.noneMatch((value) -> value.contains("secret"));
		});
	}

	@Test
	void shouldRecordTheErrorAndRethrowIt() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false);

		assertThatIllegalStateException().isThrownBy(() -> observer.statement("users", "DELETE FROM x", () -> {
			throw new IllegalStateException("boom");
		}));

		assertThat(this.stopped).singleElement()
			.satisfies((context) -> assertThat(context.getError()).hasMessage("boom"))
			.satisfies((context) -> assertThat(context.getLowCardinalityKeyValue("outcome").getValue())
				.isEqualTo("error"));
	}

	@Test
	void shouldObserveABulkLoadWithRowsAndMode() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false);

		long rows = observer.bulk("users", "CRASH_CONSISTENT", () -> 1000L, (result) -> new BulkFacts(result, 12_345L,
				"two-phase", 2, new java.util.LinkedHashMap<>(java.util.Map.of("copy-and-prepare", 2_500_000L))));

		assertThat(rows).isEqualTo(1000L);
		assertThat(this.stopped).singleElement().isInstanceOfSatisfying(PgBulkContext.class, (context) -> {
			assertThat(context.getName()).isEqualTo("databridge.bulk");
			assertThat(context.getLowCardinalityKeyValue("databridge.bulk.atomicity").getValue())
				.isEqualTo("CRASH_CONSISTENT");
			assertThat(context.getLowCardinalityKeyValue("databridge.bulk.path").getValue()).isEqualTo("two-phase");
			assertThat(context.getHighCardinalityKeyValue("databridge.bulk.rows").getValue()).isEqualTo("1000");
			assertThat(context.getHighCardinalityKeyValue("databridge.bulk.bytes").getValue()).isEqualTo("12345");
			assertThat(context.getHighCardinalityKeyValue("databridge.bulk.partitions").getValue()).isEqualTo("2");
			assertThat(context.getHighCardinalityKeyValue("databridge.bulk.phases").getValue())
				.isEqualTo("copy-and-prepare=2.500ms");
		});
	}

	@Test
	void shouldObserveAStreamedStatementUntilItsLastRowWasRead() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false);

		Stream<Integer> rows = observer.stream("users", "SELECT id FROM users", () -> Stream.of(1, 2, 3));

		assertThat(this.stopped).isEmpty();
		assertThat(rows.toList()).containsExactly(1, 2, 3);
		assertThat(this.stopped).singleElement().isInstanceOfSatisfying(PgStatementContext.class, (context) -> {
			assertThat(context.getLowCardinalityKeyValues()).extracting(KeyValue::getKey, KeyValue::getValue)
				.contains(tuple("db.operation", "select"), tuple("db.sql.table", "users"), tuple("outcome", "success"))
				.extracting((tuple) -> tuple.toArray()[0])
				.doesNotContain("databridge.route");
		});
	}

	@Test
	void shouldEndAStreamedStatementOnceWhenClosedEarlyOrWhenReadingFails() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false);
		AtomicBoolean sourceClosed = new AtomicBoolean();

		try (Stream<Integer> rows = observer.stream("users", "SELECT id FROM users",
				() -> Stream.of(1, 2, 3).onClose(() -> sourceClosed.set(true)))) {
			assertThat(rows.findFirst()).contains(1);
		}
		Stream<Integer> failing = observer.stream("users", "SELECT id FROM users",
				() -> Stream.<Integer>generate(() -> {
					throw new IllegalStateException("cursor lost");
				}));
		assertThatIllegalStateException().isThrownBy(failing::toList);
		failing.close();

		assertThat(sourceClosed).isTrue();
		assertThat(this.stopped).hasSize(2);
		assertThat(((PgStatementContext) this.stopped.get(0)).getOutcome()).isEqualTo("success");
		assertThat(((PgStatementContext) this.stopped.get(1)).getOutcome()).isEqualTo("error");
	}

	@Test
	void shouldTagTheRouteOfARoutedStatement() {
		StatementObserver observer = new StatementObserver(this.registry, null, null, false).routed();

		observer.statement("users", "SELECT 1", () -> {
			RouteTrace.routed(true);
			return 1;
		});
		observer.statement("users", "INSERT INTO users VALUES (1)", () -> {
			RouteTrace.routed(false);
			return 1;
		});
		observer.statement("users", "SELECT 2", () -> 2);

		assertThat(this.stopped).extracting((context) -> context.getLowCardinalityKeyValue("databridge.route"))
			.extracting(KeyValue::getValue)
			.containsExactly("replica", "primary", "unknown");
	}

	@Test
	void shouldNameTheOperationByTheFirstKeyword() {
		assertThat(StatementObserver.operation("  INSERT INTO t VALUES (?)")).isEqualTo("insert");
		assertThat(StatementObserver.operation("WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo("select");
		assertThat(StatementObserver.operation("COPY t FROM STDIN")).isEqualTo("copy");
		assertThat(StatementObserver.operation("")).isEqualTo("unknown");
	}

	@Test
	void shouldCreateNoObservationWithANoopRegistry() {
		int result = StatementObserver.NONE.statement("users", "SELECT 1", () -> 7);

		assertThat(result).isEqualTo(7);
		assertThat(this.stopped).isEmpty();
	}

}
