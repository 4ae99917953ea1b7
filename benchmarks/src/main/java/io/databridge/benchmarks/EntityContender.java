package io.databridge.benchmarks;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A contender that maps rows to entities of its own type {@code E}. Subclasses implement
 * the four operations; this class prepares each one (entities built and the table emptied
 * before the clock starts) and verifies results by converting entities back to
 * {@link BenchRow}s after the clock stopped. Streaming is the exception: the sink
 * converts and sums every entity inside the timed loop, the same work for every
 * contender.
 *
 * @param <E> the contender's entity type
 */
public abstract class EntityContender<E> implements Contender {

	/**
	 * The pool opened by {@link #open(BenchEnvironment)}; also used (untimed) for
	 * truncating and reading back.
	 */
	protected @Nullable DataSource dataSource;

	/**
	 * Converts a neutral row into a new entity.
	 * @param row the row
	 * @return a new entity, never shared between iterations
	 */
	protected abstract E toEntity(BenchRow row);

	/**
	 * Converts an entity the contender read back into a neutral row.
	 * @param entity the entity
	 * @return the row
	 */
	protected abstract BenchRow toRow(E entity);

	/**
	 * Inserts entities into the empty table (timed).
	 * @param entities the entities
	 * @throws Exception when inserting fails
	 */
	protected abstract void insert(List<E> entities) throws Exception;

	/**
	 * Reads the rows with {@code fromId <= id < toId}, ordered by id (timed).
	 * @param fromId first id
	 * @param toId id after the last
	 * @return the entities
	 * @throws Exception when reading fails
	 */
	protected abstract List<E> selectRange(long fromId, long toId) throws Exception;

	/**
	 * Finds one row by id (timed, called once per lookup).
	 * @param id the id
	 * @return the entity, or {@code null} when absent
	 * @throws Exception when reading fails
	 */
	protected abstract @Nullable E findById(long id) throws Exception;

	/**
	 * Streams every row of the table into the sink without collecting them (timed).
	 * @param sink receives each entity
	 * @throws Exception when reading fails
	 */
	protected abstract void stream(Consumer<E> sink) throws Exception;

	/**
	 * The pool to truncate and read back with; set by subclasses in
	 * {@link #open(BenchEnvironment)}.
	 * @return the pool
	 */
	protected DataSource dataSource() {
		DataSource current = this.dataSource;
		if (current == null) {
			throw new IllegalStateException(name() + " was not opened");
		}
		return current;
	}

	@Override
	public @Nullable String skipReason(Workload workload, int size) {
		return null;
	}

	@Override
	public Iteration prepare(WorkloadInput input) throws Exception {
		return switch (input.workload()) {
			case INSERT -> prepareInsert(input);
			case SELECT_RANGE -> new Reading() {
				@Override
				public void run() throws Exception {
					this.result = selectRange(input.firstId(), input.firstId() + input.size());
				}
			};
			case FIND_BY_ID -> new Reading() {
				@Override
				public void run() throws Exception {
					long[] ids = input.ids();
					List<E> found = new ArrayList<>(ids.length);
					for (long id : ids) {
						long start = System.nanoTime();
						E entity = findById(id);
						LookupClock.record(System.nanoTime() - start);
						found.add(entity);
					}
					this.result = found;
				}
			};
			case STREAM -> new Iteration() {
				private final Checksum sum = new Checksum();

				@Override
				public void run() throws Exception {
					stream(entity -> this.sum.add(toRow(entity)));
				}

				@Override
				public Check check() {
					return this.sum.check();
				}
			};
		};
	}

	private Iteration prepareInsert(WorkloadInput input) throws Exception {
		try (Connection connection = dataSource().getConnection()) {
			BenchEnvironment.truncate(connection, input.rows().size());
		}
		List<E> entities = new ArrayList<>(input.rows().size());
		for (BenchRow row : input.rows()) {
			entities.add(toEntity(row));
		}
		return new Iteration() {
			@Override
			public void run() throws Exception {
				insert(entities);
			}

			@Override
			public Check check() throws Exception {
				try (Connection connection = dataSource().getConnection()) {
					return BenchEnvironment.readBack(connection);
				}
			}
		};
	}

	private abstract class Reading implements Iteration {

		protected @Nullable List<E> result;

		@Override
		public Check check() {
			Checksum sum = new Checksum();
			List<E> rows = this.result;
			if (rows != null) {
				for (E entity : rows) {
					if (entity != null) {
						sum.add(toRow(entity));
					}
				}
			}
			return sum.check();
		}

	}

}
