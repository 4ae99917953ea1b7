package io.databridge.postgres.internal.bulk;

import java.util.function.IntSupplier;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkSettings;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * How a parallel insert outside a caller's transaction runs: one pipelined COPY (the
 * atomic default for plain inserts), partitions committed each on its own, staged and
 * moved in one transaction, or prepared and committed together.
 */
enum ParallelMode {

	/** Each partition commits alone. */
	PER_PARTITION,

	/** Partitions copy into an unlogged staging table; one transaction moves the rows. */
	STAGED,

	/**
	 * Partitions copy into the table and prepare; all are committed together
	 * ({@link TwoPhaseCommit}).
	 */
	TWO_PHASE,

	/**
	 * No partitions: one pipelined COPY on one connection, one transaction. What
	 * {@link Atomicity#ATOMIC} means for plain inserts: staging would write every row
	 * twice, and its single {@code INSERT ... SELECT} alone costs more than one COPY of
	 * the rows.
	 */
	SINGLE;

	/**
	 * The name of this mode as a bulk observation's path: {@code per-partition},
	 * {@code staged}, {@code two-phase} or {@code pipelined}.
	 */
	String path() {
		return switch (this) {
			case PER_PARTITION -> "per-partition";
			case STAGED -> "staged";
			case TWO_PHASE -> "two-phase";
			case SINGLE -> "pipelined";
		};
	}

	/**
	 * Chooses the mode of a parallel insert.
	 * @param requested the insert's atomicity
	 * @param settings the configured defaults
	 * @param plainInsert whether the partitions copy straight into the table (ON CONFLICT
	 * ERROR, no returned ids)
	 * @param parallelism the number of partitions
	 * @param maxPreparedTransactions the server's {@code max_prepared_transactions},
	 * asked only when needed
	 * @param table the table, for messages
	 * @throws InvalidDataAccessApiUsageException when {@code CRASH_CONSISTENT} is asked
	 * for but not possible
	 */
	static ParallelMode choose(Atomicity requested, BulkSettings settings, boolean plainInsert, int parallelism,
			IntSupplier maxPreparedTransactions, String table) {
		return switch (requested) {
			case DEFAULT ->
				choose(settings.getAtomicity(), settings, plainInsert, parallelism, maxPreparedTransactions, table);
			case ATOMIC -> plainInsert ? SINGLE : STAGED;
			case PER_PARTITION -> PER_PARTITION;
			case STAGED -> STAGED;
			case CRASH_CONSISTENT -> {
				if (!plainInsert) {
					throw new InvalidDataAccessApiUsageException("Bulk insert into " + table
							+ ": CRASH_CONSISTENT needs onConflict = ERROR and no returned ids; use ATOMIC or STAGED");
				}
				int max = maxPreparedTransactions.getAsInt();
				if (max < parallelism) {
					throw new InvalidDataAccessApiUsageException(
							"Bulk insert into " + table + ": CRASH_CONSISTENT with parallelism " + parallelism
									+ " needs max_prepared_transactions >= " + parallelism + ", the server has " + max);
				}
				yield TWO_PHASE;
			}
		};
	}

}
