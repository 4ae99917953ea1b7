package io.databridge.postgres.core;

import java.util.List;
import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.bulk.InDoubtRecovery;

/**
 * Bulk loading by binary COPY, and the recovery of two-phase loads a crash left in doubt
 * (see the {@code io.databridge.postgres.bulk} package for the semantics and the
 * atomicity modes). Entities with a {@code null} id get one from the table (the objects
 * are not changed); either all carry ids or none do. Every load joins the current
 * transaction when there is one. Failures are {@code DataAccessException}s; after one, an
 * all-or-nothing load has left the table unchanged. Arguments must not be {@code null}.
 * Implementations are thread-safe.
 */
public interface PgBulkOperations {

	/**
	 * Inserts entities by binary COPY with the default options: one transaction
	 * ({@code Atomicity.ATOMIC}) unless the settings say otherwise.
	 * @param entities the entities, read once
	 * @param type the entity type
	 * @return the number of rows written
	 */
	default <T> long insertAll(Iterable<? extends T> entities, Class<T> type) {
		return insertAll(entities, type, BulkOptions.defaults());
	}

	/**
	 * Inserts entities by binary COPY with the given options.
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	<T> long insertAll(Iterable<? extends T> entities, Class<T> type, BulkOptions options);

	/**
	 * Inserts a stream of entities by binary COPY; the stream is read as the rows are
	 * sent, never held in memory as a whole, and is not closed.
	 * @return the number of rows written (inserted, or inserted and updated for upserts)
	 */
	<T> long insertAll(Stream<? extends T> entities, Class<T> type, BulkOptions options);

	/**
	 * Inserts entities by binary COPY and returns the ids of the rows written, in input
	 * order (rows skipped by {@code OnConflict.IGNORE} have none). With per-partition
	 * commits the ids come grouped by partition instead.
	 * @return the ids
	 */
	<T, ID> List<ID> insertAllReturningIds(Iterable<? extends T> entities, Class<T> type, BulkOptions options);

	/**
	 * Inserts a stream of entities by binary COPY and returns the ids of the rows written
	 * ({@link #insertAllReturningIds(Iterable, Class, BulkOptions)}).
	 * @return the ids
	 */
	<T, ID> List<ID> insertAllReturningIds(Stream<? extends T> entities, Class<T> type, BulkOptions options);

	/**
	 * Settles now the prepared transactions that crash-consistent loads (of any JVM) left
	 * in doubt in this database: for every load whose coordinator's lease is free (its
	 * JVM or connection is gone), commits them when the load recorded the commit decision
	 * and rolls them back otherwise; there is no grace period, and loads whose
	 * coordinator lives are left alone ({@link InDoubtRecovery#live()}). The same
	 * recovery runs at start-up, before every crash-consistent load and periodically
	 * while needed ({@link BulkSettings#getRecoveryInterval()}). Needs no caller
	 * transaction; touches nothing (not even to create the ledger table) when nothing is
	 * prepared or the server allows no prepared transactions.
	 * @return the transactions committed, rolled back and left alone
	 */
	InDoubtRecovery recoverInDoubtTransactions();

	/**
	 * The global ids of the prepared transactions of crash-consistent loads in this
	 * database, those of running loads included: what a health indicator reports as
	 * possibly in doubt.
	 * @return the ids, empty when there are none
	 */
	List<String> preparedTransactions();

	/**
	 * {@link #recoverInDoubtTransactions()}, which touches nothing unless the server
	 * holds prepared transactions of bulk loads in this database: what an application
	 * runs at start-up.
	 * @return the transactions committed and rolled back
	 */
	InDoubtRecovery recoverInDoubtTransactionsIfAny();

}
