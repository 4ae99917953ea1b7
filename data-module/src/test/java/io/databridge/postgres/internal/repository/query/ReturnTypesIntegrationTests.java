package io.databridge.postgres.internal.repository.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.repository.PgRepository;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Return types, special parameters and projections of derived queries, on 10 rows with
 * ids 1..10, age {@code id % 3 * 10} (0, 10 or 20) and score {@code 100 - id}.
 */
class ReturnTypesIntegrationTests {

	static TestDatabase db;

	static Repo repo;

	static TransactionTemplate tx;

	@Table("rt_item")
	record Item(@Id Long id, String name, int age, int score) {
	}

	interface NameOnly {

		String getName();

	}

	record NameAndScore(String name, int score) {
	}

	interface Repo extends PgRepository<Item, Long> {

		Optional<Item> findByName(String name);

		Collection<Item> findByAge(int age);

		Iterable<Item> findByAgeGreaterThan(int age);

		Stream<Item> streamByAge(int age);

		Stream<Item> findAllByScoreLessThan(int score);

		Page<Item> findByAgeLessThan(int age, Pageable pageable);

		Slice<Item> findByScoreGreaterThan(int score, Pageable pageable);

		List<Item> findByAgeNot(int age, Sort sort);

		List<Item> findByScoreGreaterThanEqual(int score, Limit limit);

		Window<Item> findTop3ByScoreGreaterThan(int score, ScrollPosition position, Sort sort);

		Window<Item> findByAgeGreaterThanEqual(int age, ScrollPosition position, Limit limit, Sort sort);

		List<NameOnly> findByAgeOrderById(int age);

		List<NameAndScore> findByScoreLessThanEqualOrderById(int score);

		<P> List<P> findByIdLessThanOrderById(long id, Class<P> type);

		Page<NameOnly> findPageByAge(int age, Pageable pageable);

	}

	@BeforeAll
	static void schema() {
		db = TestDatabase.shared();
		db.execute("""
				CREATE TABLE rt_item (id bigint PRIMARY KEY, name text NOT NULL, age int NOT NULL, score int NOT NULL);
				INSERT INTO rt_item SELECT i, 'item' || i, i % 3 * 10, 100 - i FROM generate_series(1, 10) i;
				""");
		repo = new PgRepositoryFactory(new PgTemplate(db.dataSource())).getRepository(Repo.class);
		tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
	}

	static List<Long> ids(Iterable<? extends Item> items) {
		List<Long> ids = new ArrayList<>();
		items.forEach(i -> ids.add(i.id()));
		return ids.stream().sorted().toList();
	}

	@Test
	void optionalCollectionIterable() {
		assertThat(repo.findByName("item4")).map(Item::id).contains(4L);
		assertThat(repo.findByName("item44")).isEmpty();
		assertThat(ids(repo.findByAge(0))).containsExactly(3L, 6L, 9L);
		assertThat(repo.findByAge(5)).isEmpty();
		assertThat(ids(repo.findByAgeGreaterThan(10))).containsExactly(2L, 5L, 8L);
	}

	@Test
	void streamRunsInTransactionAndFailsOutsideOne() {
		List<Long> streamed = tx.execute(status -> {
			try (Stream<Item> items = repo.streamByAge(10)) {
				return items.map(Item::id).sorted().toList();
			}
		});
		assertThat(streamed).containsExactly(1L, 4L, 7L, 10L);
		Long none = tx.execute(status -> {
			try (Stream<Item> items = repo.findAllByScoreLessThan(90)) {
				return items.count();
			}
		});
		assertThat(none).isZero();
		assertThatThrownBy(() -> repo.streamByAge(10)).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("streamByAge")
			.hasMessageContaining("transaction");
	}

	@Test
	void pageHasContentAndTotal() {
		Page<Item> first = repo.findByAgeLessThan(20, PageRequest.of(0, 3, Sort.by("id")));
		assertThat(first.getContent()).extracting(Item::id).containsExactly(1L, 3L, 4L);
		assertThat(first.getTotalElements()).isEqualTo(7);
		assertThat(first.getTotalPages()).isEqualTo(3);
		Page<Item> last = repo.findByAgeLessThan(20, PageRequest.of(2, 3, Sort.by("id")));
		assertThat(last.getContent()).extracting(Item::id).containsExactly(10L);
		assertThat(last.isLast()).isTrue();
		Page<Item> beyond = repo.findByAgeLessThan(20, PageRequest.of(3, 3, Sort.by("id")));
		assertThat(beyond.getContent()).isEmpty();
		assertThat(beyond.getTotalElements()).isEqualTo(7);
		assertThat(repo.findByAgeLessThan(0, PageRequest.of(0, 3)).getTotalElements()).isZero();
		assertThat(repo.findByAgeLessThan(20, Pageable.unpaged()).getContent()).hasSize(7);
	}

	@Test
	void sliceKnowsWhetherThereIsMore() {
		Slice<Item> first = repo.findByScoreGreaterThan(95, PageRequest.of(0, 2, Sort.by("id")));
		assertThat(first.getContent()).extracting(Item::id).containsExactly(1L, 2L);
		assertThat(first.hasNext()).isTrue();
		Slice<Item> last = repo.findByScoreGreaterThan(95, PageRequest.of(1, 2, Sort.by("id")));
		assertThat(last.getContent()).extracting(Item::id).containsExactly(3L, 4L);
		assertThat(last.hasNext()).isFalse();
	}

	@Test
	void sortAndLimitParameters() {
		assertThat(repo.findByAgeNot(0, Sort.by(Sort.Direction.DESC, "id"))).extracting(Item::id)
			.containsExactly(10L, 8L, 7L, 5L, 4L, 2L, 1L);
		assertThat(repo.findByAgeNot(0, Sort.by("score"))).extracting(Item::id)
			.containsExactly(10L, 8L, 7L, 5L, 4L, 2L, 1L);
		assertThat(repo.findByScoreGreaterThanEqual(95, Limit.of(2))).hasSize(2);
		assertThat(repo.findByScoreGreaterThanEqual(95, Limit.unlimited())).hasSize(5);
		assertThatThrownBy(() -> repo.findByAgeNot(0, Sort.by("nope")))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("'nope'");
	}

	@Test
	void offsetWindowWalksEveryRowOnce() {
		List<Long> seen = new ArrayList<>();
		Window<Item> window = repo.findTop3ByScoreGreaterThan(0, ScrollPosition.offset(), Sort.by("id"));
		int windows = 1;
		seen.addAll(window.map(Item::id).getContent());
		while (window.hasNext()) {
			window = repo.findTop3ByScoreGreaterThan(0, window.positionAt(window.size() - 1), Sort.by("id"));
			seen.addAll(window.map(Item::id).getContent());
			windows++;
		}
		assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		assertThat(windows).isEqualTo(4);
	}

	@Test
	void keysetWindowForwardAndBackward() {
		Sort byAgeThenId = Sort.by("age").descending();
		Window<Item> first = repo.findByAgeGreaterThanEqual(0, ScrollPosition.keyset(), Limit.of(4), byAgeThenId);
		assertThat(first.getContent()).extracting(Item::id).containsExactly(2L, 5L, 8L, 1L);
		assertThat(first.hasNext()).isTrue();
		ScrollPosition after = first.positionAt(first.size() - 1);
		assertThat(((KeysetScrollPosition) after).getKeys()).containsEntry("age", 10).containsEntry("id", 1L);
		Window<Item> second = repo.findByAgeGreaterThanEqual(0, after, Limit.of(4), byAgeThenId);
		assertThat(second.getContent()).extracting(Item::id).containsExactly(4L, 7L, 10L, 3L);
		Window<Item> third = repo.findByAgeGreaterThanEqual(0, second.positionAt(3), Limit.of(4), byAgeThenId);
		assertThat(third.getContent()).extracting(Item::id).containsExactly(6L, 9L);
		assertThat(third.hasNext()).isFalse();
		KeysetScrollPosition back = ((KeysetScrollPosition) second.positionAt(0)).backward();
		Window<Item> previous = repo.findByAgeGreaterThanEqual(0, back, Limit.of(4), byAgeThenId);
		assertThat(previous.getContent()).extracting(Item::id).containsExactly(2L, 5L, 8L, 1L);
	}

	@Test
	void interfaceDtoAndDynamicProjections() {
		assertThat(repo.findByAgeOrderById(20)).extracting(NameOnly::getName)
			.containsExactly("item2", "item5", "item8");
		assertThat(repo.findByScoreLessThanEqualOrderById(91)).containsExactly(new NameAndScore("item9", 91),
				new NameAndScore("item10", 90));
		assertThat(repo.findByIdLessThanOrderById(3, NameOnly.class)).extracting(NameOnly::getName)
			.containsExactly("item1", "item2");
		assertThat(repo.findByIdLessThanOrderById(3, NameAndScore.class)).containsExactly(new NameAndScore("item1", 99),
				new NameAndScore("item2", 98));
		assertThat(repo.findByIdLessThanOrderById(2, Item.class)).containsExactly(new Item(1L, "item1", 10, 99));
		assertThat(repo.findByIdLessThanOrderById(0, NameOnly.class)).isEmpty();
		Page<NameOnly> page = repo.findPageByAge(0, PageRequest.of(0, 2, Sort.by("id")));
		assertThat(page.getContent()).extracting(NameOnly::getName).containsExactly("item3", "item6");
		assertThat(page.getTotalElements()).isEqualTo(3);
	}

}
