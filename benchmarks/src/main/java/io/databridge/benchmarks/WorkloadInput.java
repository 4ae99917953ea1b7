package io.databridge.benchmarks;

import java.util.List;

/**
 * The input of one workload at one size, generated before any timing and identical in
 * every contender's JVM.
 *
 * @param workload the workload
 * @param size the size (rows inserted or selected, lookups made, rows streamed)
 * @param rows for {@link Workload#INSERT}: the rows to insert; else empty
 * @param firstId for {@link Workload#SELECT_RANGE}: the first id of the range; else 0
 * @param ids for {@link Workload#FIND_BY_ID}: the ids to look up, in order; else empty
 * @param expected what a correct run produces
 */
public record WorkloadInput(Workload workload, int size, List<BenchRow> rows, long firstId, long[] ids,
		Check expected) {

	/**
	 * Builds the input of a workload.
	 * @param workload the workload
	 * @param size its size
	 * @param readRows rows in the read table (ids 1 to readRows)
	 * @return the input, with its expected check
	 */
	public static WorkloadInput of(Workload workload, int size, int readRows) {
		return switch (workload) {
			case INSERT ->
				new WorkloadInput(workload, size, BenchData.rows(1, size), 0, new long[0], BenchData.checkOf(1, size));
			case SELECT_RANGE -> {
				if (size > readRows) {
					throw new IllegalArgumentException(
							"select-range " + size + " needs at least as many rows in the read table, has " + readRows);
				}
				// a range in the middle of the table, the same in every JVM
				long first = 1 + (readRows - size) / 2;
				yield new WorkloadInput(workload, size, List.of(), first, new long[0], BenchData.checkOf(first, size));
			}
			case FIND_BY_ID -> {
				long[] ids = new java.util.SplittableRandom(42).longs(size, 1, readRows + 1L).toArray();
				Checksum sum = new Checksum();
				for (long id : ids) {
					sum.add(BenchData.row(id));
				}
				yield new WorkloadInput(workload, size, List.of(), 0, ids, sum.check());
			}
			case STREAM -> {
				if (size != readRows) {
					throw new IllegalArgumentException(
							"stream reads the whole read table of " + readRows + " rows, not " + size);
				}
				yield new WorkloadInput(workload, size, List.of(), 0, new long[0], BenchData.checkOf(1, size));
			}
		};
	}
}
