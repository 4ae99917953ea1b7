package io.databridge.postgres.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.data.annotation.Id;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default atomicity is atomic for readers: a reader counting the table every 2 ms
 * during 20 loads of 200,000 rows (each into an emptied table, as lists that the default
 * settings would split into partitions in the other modes) never sees a count other than
 * 0 or 200,000.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BulkInsertAtomicVisibilityIntegrationTests {

	static final int ROWS = 200_000;

	static final int LOADS = 20;

	static TestDatabase db;

	static PgTemplate template;

	@Table("visibility_row")
	record Row(@Id Long id, int n) {
	}

	@BeforeAll
	static void setUp() {
		db = TestDatabase.shared();
		db.execute("CREATE TABLE visibility_row (id bigint PRIMARY KEY, n int NOT NULL)");
		template = new PgTemplate(db.dataSource());
	}

	@Test
	void shouldNeverShowAConcurrentReaderPartOfALoad() throws Exception {
		List<Row> rows = LongStream.range(0, ROWS).mapToObj(i -> new Row(i, (int) (i % 1000))).toList();
		Set<Long> seen = ConcurrentHashMap.newKeySet();
		AtomicInteger counts = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		Thread reader = Thread.ofVirtual().start(() -> {
			try (Connection connection = db.openConnection(); Statement statement = connection.createStatement()) {
				while (!done.get()) {
					try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM visibility_row")) {
						rs.next();
						seen.add(rs.getLong(1));
						counts.incrementAndGet();
					}
					Thread.sleep(2);
				}
			}
			catch (SQLException | InterruptedException ex) {
				seen.add(-1L);
			}
		});
		try {
			for (int load = 0; load < LOADS; load++) {
				db.execute("TRUNCATE visibility_row");
				assertThat(template.insertAll(rows, Row.class)).isEqualTo(ROWS);
				int before = counts.get();
				while (counts.get() < before + 2) {
					Thread.sleep(2);
				}
			}
		}
		finally {
			done.set(true);
			reader.join();
		}
		System.out.printf("[visibility] %d counts during %d loads of %d rows; distinct counts %s%n", counts.get(),
				LOADS, ROWS, seen);
		assertThat(seen).as("counts a reader saw").isSubsetOf(0L, (long) ROWS).contains((long) ROWS);
	}

}
