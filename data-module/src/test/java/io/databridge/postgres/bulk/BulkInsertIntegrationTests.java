package io.databridge.postgres.bulk;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkRows.AllTypes;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkInsertIntegrationTests {

	static TestDatabase db;

	static PgTemplate template;

	static final Map<Integer, AtomicLong> rowsByPartition = new ConcurrentHashMap<>();

	static final AtomicLong rowsSent = new AtomicLong();

	@Table("bulk_big")
	record Big(@Id Long id, String name, int n, BigDecimal amount, Instant at) {

		static Big of(long i) {
			return new Big(i, "row-" + i, (int) (i % 1000), BigDecimal.valueOf(i, 2),
					Instant.ofEpochSecond(1_700_000_000L + i));
		}

		Big withName(String newName) {
			return new Big(this.id, newName, this.n, this.amount, this.at);
		}
	}

	@Table("bulk_person")
	record Person(@Id Long id, String email, String name, int visits) {
	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute(BulkRows.DDL);
		db.execute("""
				CREATE TABLE bulk_big (id bigint PRIMARY KEY, name text NOT NULL, n int NOT NULL, amount numeric,
				  at timestamptz);
				CREATE TABLE bulk_person (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				  email text NOT NULL CONSTRAINT bulk_person_email_key UNIQUE, name text, visits int NOT NULL);
				""");
		template = new PgTemplate(db.dataSource());
		BulkSettings settings = new BulkSettings();
		settings.setChunkBytes(4096);
		template.setBulkSettings(settings);
		template.setBulkProgressListener((table, partition, rows) -> {
			rowsByPartition.computeIfAbsent(partition, p -> new AtomicLong()).addAndGet(rows);
			rowsSent.addAndGet(rows);
		});
	}

	@BeforeEach
	void clean() {
		db.execute("TRUNCATE bulk_all, bulk_all_ref, bulk_big; TRUNCATE bulk_person RESTART IDENTITY");
		rowsByPartition.clear();
		rowsSent.set(0);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 49, 50, 10_001 })
	void shouldCopyEveryTypeExactlyAsPlainJdbcInsertsIt(int count) throws SQLException {
		List<AllTypes> rows = BulkRows.rows(count, true);
		BulkRows.insertReference(db, rows);

		long written = template.insertAll(rows, AllTypes.class);

		assertThat(written).isEqualTo(count);
		assertThat(BulkRows.checksum(db, "bulk_all")).isEqualTo(BulkRows.checksum(db, "bulk_all_ref"))
			.startsWith(count + ":");
		assertThat(rowsByPartition.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(count);
		// atomic by default: one COPY on one connection, whatever the size
		assertThat(rowsByPartition.keySet()).as("rows per partition").isSubsetOf(0);
	}

	@Test
	void shouldReadBackEveryTypeEqual() {
		List<AllTypes> rows = BulkRows.rows(2_000, true);
		template.insertAll(rows, AllTypes.class);

		List<AllTypes> read = new ArrayList<>(template.findAll(AllTypes.class));
		read.sort(Comparator.comparing(AllTypes::id));
		assertThat(read).hasSize(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			assertThat(read.get(i)).as("row %s", i + 1)
				.usingRecursiveComparison()
				.withComparatorForType(Comparator.naturalOrder(), Double.class)
				.withComparatorForType(Comparator.naturalOrder(), Float.class)
				// numeric has no negative scale: 4.2E+3 reads back as 4200
				.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
				.isEqualTo(rows.get(i));
		}
		assertThat(read).filteredOn(r -> r.txt() == null).hasSizeGreaterThan(200);
	}

	@Test
	@Timeout(300)
	void shouldStreamAMillionRowsInOneTransactionWithoutMaterializingThem() throws SQLException {
		AtomicLong maxReadAhead = new AtomicLong();
		Stream<Big> rows = LongStream.rangeClosed(1, 1_000_000).mapToObj(i -> {
			maxReadAhead.accumulateAndGet(i - rowsSent.get(), Math::max);
			return Big.of(i);
		});

		long written = template.insertAll(rows, Big.class, BulkOptions.defaults());

		assertThat(written).isEqualTo(1_000_000);
		// about 64 rows per 4 KiB chunk: at most 16 chunks read ahead to see whether the
		// load fits one COPY, 16 in
		// the queue, one being filled, the 50 rows read first
		assertThat(maxReadAhead.get()).as("rows read but not yet sent").isLessThan(34 * 70 + 50);
		String expected = query("SELECT md5(string_agg(format('%s|%s|%s|%s|%s', g, 'row-' || g, g % 1000, "
				+ "round(g / 100.0, 2), to_timestamp(1700000000 + g)), ',' ORDER BY g)) FROM generate_series(1, 1000000) g");
		String actual = query("SELECT md5(string_agg(format('%s|%s|%s|%s|%s', id, name, n, amount, at), ',' "
				+ "ORDER BY id)) FROM bulk_big");
		assertThat(actual).isEqualTo(expected);
		assertThat(query("SELECT count(*) FROM bulk_big")).isEqualTo("1000000");
		assertThat(rowsByPartition).as("one COPY").hasSize(1);
	}

	@Test
	void shouldGenerateIdsAndReturnThemInInputOrder() {
		List<Person> people = LongStream.range(0, 3_000)
			.mapToObj(i -> new Person(null, "p" + i + "@example.com", "P" + i, (int) i))
			.toList();
		List<Long> ids = template.insertAllReturningIds(people.stream(), Person.class, BulkOptions.defaults());

		assertThat(ids).hasSize(3_000).doesNotHaveDuplicates().doesNotContainNull();
		for (int i = 0; i < ids.size(); i += 97) {
			assertThat(template.findById(ids.get(i), Person.class)).get().extracting(Person::visits).isEqualTo(i);
		}
		assertThat(template.count(Person.class)).isEqualTo(3_000);

		List<Long> few = template.insertAllReturningIds(
				Stream.of(new Person(null, "a@x", "A", 1), new Person(null, "b@x", "B", 2)), Person.class,
				BulkOptions.defaults());
		assertThat(few).hasSize(2);
		assertThat(template.findById(few.get(1), Person.class)).get().extracting(Person::email).isEqualTo("b@x");
	}

	@Test
	void shouldGenerateIdsWithoutReturningThem() {
		long written = template.insertAll(
				LongStream.range(0, 500).mapToObj(i -> new Person(null, "g" + i, null, (int) i)).toList(),
				Person.class);
		assertThat(written).isEqualTo(500);
		assertThat(query("SELECT count(DISTINCT id) || ':' || min(id) || ':' || max(id) FROM bulk_person"))
			.isEqualTo("500:1:500");
	}

	@Table("bulk_counter")
	record Counter(@Id long id, String label) {
	}

	@Test
	void shouldTreatAZeroPrimitiveIdAsUnassigned() {
		db.execute("CREATE TABLE IF NOT EXISTS bulk_counter (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
				+ "label text)");
		List<Long> ids = template.insertAllReturningIds(LongStream.range(0, 300).mapToObj(i -> new Counter(0, "c" + i)),
				Counter.class, BulkOptions.defaults());
		assertThat(ids).hasSize(300).doesNotHaveDuplicates().doesNotContain(0L);
		assertThat(template.findById(ids.get(299), Counter.class)).get().extracting(Counter::label).isEqualTo("c299");
		assertThatThrownBy(() -> template.insertAll(List.of(new Counter(0, "a"), new Counter(7, "b")), Counter.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("row 1 has an id");
	}

	@Test
	void shouldRejectMixedAssignedAndGeneratedIdsWritingNothing() {
		List<AllTypes> rows = new ArrayList<>(BulkRows.rows(300, true));
		rows.set(200, rows.get(200).withId(null));
		assertThatThrownBy(() -> template.insertAll(rows, AllTypes.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("row 200 has no id")
			.hasMessageContaining("bulk_all");
		assertThat(query("SELECT count(*) FROM bulk_all")).isEqualTo("0");
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 5_000 })
	void shouldIgnoreConflictsOnTheId(int count) {
		template.insertAll(LongStream.rangeClosed(1, count / 2).mapToObj(i -> Big.of(i).withName("old")).toList(),
				Big.class);
		long written = template.insertAll(LongStream.rangeClosed(1, count).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().onConflict(OnConflict.IGNORE));

		assertThat(written).isEqualTo(count - count / 2);
		assertThat(query("SELECT count(*) FILTER (WHERE name = 'old') || ':' || count(*) FROM bulk_big"))
			.isEqualTo(count / 2 + ":" + count);
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 5_000 })
	void shouldUpdateConflictingRowsOnTheId(int count) {
		template.insertAll(LongStream.rangeClosed(1, count / 2).mapToObj(i -> Big.of(i).withName("old")).toList(),
				Big.class);
		long written = template.insertAll(LongStream.rangeClosed(1, count).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().onConflict(OnConflict.UPDATE));

		assertThat(written).isEqualTo(count);
		assertThat(query("SELECT count(*) FILTER (WHERE name = 'old') || ':' || count(*) FROM bulk_big"))
			.isEqualTo("0:" + count);
	}

	@Test
	void shouldUpsertOnAUniquePropertyOrConstraintWithGeneratedIds() {
		template.insertAll(List.of(new Person(null, "a@x", "A", 1), new Person(null, "b@x", "B", 1)), Person.class);
		List<Person> again = LongStream.range(0, 100)
			.mapToObj(i -> new Person(null, i == 0 ? "a@x" : "n" + i + "@x", "new", 5))
			.toList();

		long updated = template.insertAll(again, Person.class,
				BulkOptions.defaults().onConflict(OnConflict.UPDATE).conflictTarget("email").parallelThreshold(10));
		assertThat(updated).isEqualTo(100);
		assertThat(query("SELECT name || visits FROM bulk_person WHERE email = 'a@x'")).isEqualTo("new5");
		assertThat(query("SELECT name || visits FROM bulk_person WHERE email = 'b@x'")).isEqualTo("B1");

		long ignored = template.insertAll(again, Person.class,
				BulkOptions.defaults().onConflict(OnConflict.IGNORE).conflictConstraint("bulk_person_email_key"));
		assertThat(ignored).isZero();
		assertThat(template.count(Person.class)).isEqualTo(101);
	}

	@Test
	void shouldRejectAnUnknownConflictPropertyBeforeSendingAnything() {
		assertThatThrownBy(() -> template.insertAll(List.of(Big.of(1)), Big.class,
				BulkOptions.defaults().onConflict(OnConflict.IGNORE).conflictTarget("nope")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'nope'");
	}

	@Test
	void shouldJoinTheCallersTransactionOnItsConnection() {
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
		tx.executeWithoutResult(status -> {
			template.insertAll(LongStream.rangeClosed(1, 20_000).mapToObj(Big::of), Big.class, BulkOptions.defaults());
			assertThat(template.count(Big.class)).isEqualTo(20_000);
			status.setRollbackOnly();
		});
		assertThat(template.count(Big.class)).isZero();
		assertThat(rowsByPartition.keySet()).containsExactly(0);

		tx.executeWithoutResult(
				status -> template.insertAll(LongStream.rangeClosed(1, 3_000).mapToObj(Big::of).toList(), Big.class,
						BulkOptions.defaults().onConflict(OnConflict.IGNORE)));
		assertThat(template.count(Big.class)).isEqualTo(3_000);
	}

	@Test
	@Timeout(60)
	void shouldReadTheInputFromACursorOfTheSameTransaction() {
		JdbcTemplate cursor = new JdbcTemplate(db.dataSource());
		cursor.setFetchSize(100);
		TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
		long written = tx.execute(status -> {
			try (Stream<Big> rows = cursor.queryForStream("SELECT g FROM generate_series(1, 100000) g",
					(rs, i) -> Big.of(rs.getLong(1)))) {
				return template.insertAll(rows, Big.class, BulkOptions.defaults());
			}
		});
		assertThat(written).isEqualTo(100_000);
		assertThat(template.count(Big.class)).isEqualTo(100_000);
	}

	@Test
	void shouldCommitPerPartitionWhenAskedTo() {
		long written = template.insertAll(LongStream.rangeClosed(1, 30_000).mapToObj(Big::of), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.PER_PARTITION).parallelism(3));
		assertThat(written).isEqualTo(30_000);
		assertThat(query("SELECT count(*) FROM bulk_big")).isEqualTo("30000");
		assertThat(rowsByPartition).hasSize(3);
	}

	@Test
	void shouldCountRowsPerPartitionWithMicrometer() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PgTemplate measured = new PgTemplate(db.dataSource());
		BulkSettings settings = new BulkSettings();
		settings.setChunkBytes(2048);
		measured.setBulkSettings(settings);
		measured.setBulkProgressListener(new MicrometerBulkProgressListener(registry));

		measured.insertAll(LongStream.rangeClosed(1, 5_000).mapToObj(Big::of).toList(), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.PER_PARTITION));

		double total = registry.find(MicrometerBulkProgressListener.METER)
			.tag("table", "bulk_big")
			.counters()
			.stream()
			.mapToDouble(c -> c.count())
			.sum();
		assertThat(total).isEqualTo(5_000);
		assertThat(registry.find(MicrometerBulkProgressListener.METER).counters()).hasSizeGreaterThan(1);
	}

	@Test
	void shouldLeaveNoStagingTableBehind() {
		template.insertAll(LongStream.rangeClosed(1, 1_000).mapToObj(Big::of).toList(), Big.class,
				BulkOptions.defaults().onConflict(OnConflict.IGNORE));
		assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'databridge_bulk%'")).isEqualTo("0");
	}

	@Test
	void shouldDropStagingTablesLeftByACrashedJvmButNotFreshOnes() {
		long old = Instant.now().minusSeconds(3 * 86_400).getEpochSecond();
		long fresh = Instant.now().minusSeconds(60).getEpochSecond();
		db.execute("CREATE UNLOGGED TABLE databridge_bulk_" + old + "_0badf00d (x int); "
				+ "CREATE UNLOGGED TABLE databridge_bulk_" + fresh + "_0000beef (x int); "
				+ "CREATE TABLE databridge_bulk_notes (x int)");
		PgTemplate fresher = new PgTemplate(db.dataSource());

		// more rows than the read-ahead holds, so that the load runs in parallel
		// partitions, through a staging table
		fresher.insertAll(LongStream.rangeClosed(1, 50_000).mapToObj(Big::of).toList(), Big.class,
				BulkOptions.defaults().atomicity(Atomicity.STAGED));

		assertThat(query("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE "
				+ "'databridge_bulk%' AND relkind = 'r'"))
			.isEqualTo("databridge_bulk_" + fresh + "_0000beef,databridge_bulk_notes");
		db.execute("DROP TABLE databridge_bulk_" + fresh + "_0000beef, databridge_bulk_notes");
	}

	static String query(String sql) {
		return db.queryForString(sql);
	}

}
