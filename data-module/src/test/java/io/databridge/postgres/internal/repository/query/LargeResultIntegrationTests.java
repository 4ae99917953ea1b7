package io.databridge.postgres.internal.repository.query;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large results: a Stream over 1,000,000 rows reads through a server-side cursor with
 * bounded heap growth, and a keyset Window walk over 10,000 rows with a non-unique sort
 * key returns every row exactly once, forward and backward.
 */
class LargeResultIntegrationTests {

	static final long STREAM_ROWS = 1_000_000;

	/**
	 * Bound on heap growth while streaming; loading the rows as a list takes several
	 * times this.
	 */
	static final long HEAP_BOUND = 64L * 1024 * 1024;

	static TestDatabase db;

	static Repo repo;

	static WalkRepo walk;

	@Table("lr_row")
	record Row(@Id Long id, String payload, int bucket) {
	}

	@Table("lr_walk")
	record Step(@Id Long id, int bucket) {
	}

	interface WalkRepo extends PgRepository<Step, Long> {

		Window<Step> findByBucketGreaterThanEqual(int bucket, ScrollPosition position, Limit limit, Sort sort);

	}

	interface Repo extends PgRepository<Row, Long> {

		Stream<Row> streamByIdGreaterThan(long id);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE UNLOGGED TABLE lr_row (id bigint PRIMARY KEY, payload text NOT NULL, bucket int NOT NULL);
				INSERT INTO lr_row SELECT i, repeat('x', 40) || i, i % 7 FROM generate_series(1, 1000000) i;
				ANALYZE lr_row;
				CREATE TABLE lr_walk (id bigint PRIMARY KEY, bucket int NOT NULL);
				INSERT INTO lr_walk SELECT i, i % 7 FROM generate_series(1, 10000) i;
				""");
		PgRepositoryFactory factory = new PgRepositoryFactory(new PgTemplate(db.dataSource()));
		repo = factory.getRepository(Repo.class);
		walk = factory.getRepository(WalkRepo.class);
	}

	@Test
	void streamOfAMillionRowsKeepsHeapBounded() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
		long baseline = usedAfterGc(memory);
		long[] peak = { 0 };
		long[] seen = { 0, 0 };
		tx.executeWithoutResult(status -> {
			try (Stream<Row> rows = repo.streamByIdGreaterThan(0)) {
				rows.forEach(row -> {
					seen[0]++;
					seen[1] += row.id();
					if (seen[0] % 100_000 == 0) {
						peak[0] = Math.max(peak[0], usedAfterGc(memory) - baseline);
					}
				});
			}
		});
		assertThat(seen[0]).isEqualTo(STREAM_ROWS);
		assertThat(seen[1]).isEqualTo(STREAM_ROWS * (STREAM_ROWS + 1) / 2);
		System.out.printf("Stream of %d rows: peak heap growth %.1f MB (bound %d MB)%n", seen[0],
				peak[0] / 1024.0 / 1024.0, HEAP_BOUND / 1024 / 1024);
		assertThat(peak[0]).isLessThan(HEAP_BOUND);
	}

	@Test
	void keysetWindowWalkReturnsEveryRowExactlyOnce() {
		Sort sort = Sort.by("bucket").descending();
		List<Long> seen = new ArrayList<>();
		Window<Step> window = walk.findByBucketGreaterThanEqual(0, ScrollPosition.keyset(), Limit.of(700), sort);
		int windows = 1;
		window.forEach(step -> seen.add(step.id()));
		while (window.hasNext()) {
			window = walk.findByBucketGreaterThanEqual(0, window.positionAt(window.size() - 1), Limit.of(700), sort);
			window.forEach(step -> seen.add(step.id()));
			windows++;
		}
		assertThat(seen).hasSize(10_000);
		assertThat(new HashSet<>(seen)).hasSize(10_000);
		assertThat(windows).isEqualTo(15);
		assertThat(seen.get(0)).isEqualTo(6L);
		assertThat(seen.get(9_999)).isEqualTo(9_996L);

		// and back again from the last window's first row
		Set<Long> back = new HashSet<>(window.map(Step::id).getContent());
		KeysetScrollPosition position = ((KeysetScrollPosition) window.positionAt(0)).backward();
		boolean more = true;
		while (more) {
			Window<Step> previous = walk.findByBucketGreaterThanEqual(0, position, Limit.of(700), sort);
			previous.forEach(step -> assertThat(back.add(step.id())).as("row %d seen twice", step.id()).isTrue());
			more = previous.hasNext();
			if (more) {
				position = ((KeysetScrollPosition) previous.positionAt(0)).backward();
			}
		}
		assertThat(back).hasSize(10_000);
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
