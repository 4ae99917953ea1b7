package io.databridge.postgres.internal.core;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.databridge.postgres.internal.lifecycle.EntityLifecycle;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.relation.Relations;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.transaction.support.TransactionOperations;

/**
 * What the template does around the single-row statements of one entity type: entity
 * callbacks and events ({@link EntityLifecycle}), optimistic locking
 * ({@link VersionedUpdate}) and owned collections and references ({@link Relations}). The
 * template hands in its own single-row operation (insert, upsert, delete by id) as a
 * function; this class decides what runs before and after it, and whether it all runs in
 * one transaction: writes that touch the children's table too run in a transaction,
 * joining the caller's when there is one.
 *
 * <p>
 * The order of a save: before-convert callbacks (auditing), initial version on insert,
 * before-save callbacks and event, the root's row (versioned update checking the
 * version), the children, after-save callbacks and event. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class Aggregate<T> {

	private final EntityStatements<T> statements;

	private final @Nullable VersionedUpdate<T> versioned;

	private final Relations<T> relations;

	private final EntityLifecycle lifecycle;

	private final TransactionOperations transactions;

	private final ObservedJdbc jdbc;

	/**
	 * Prepares the aggregate support of an entity type.
	 * @param statements the type's statements
	 * @param relations its relations
	 * @param lifecycle the template's callbacks and events
	 * @param transactions runs multi-statement writes, joining the caller's transaction
	 * @param jdbc runs the statements, observed
	 * @param instantiators copies immutable entities
	 */
	public Aggregate(EntityStatements<T> statements, Relations<T> relations, EntityLifecycle lifecycle,
			TransactionOperations transactions, ObservedJdbc jdbc, EntityInstantiators instantiators) {
		this.statements = statements;
		this.versioned = statements.entity().hasVersionProperty() ? new VersionedUpdate<>(statements, instantiators)
				: null;
		this.relations = relations;
		this.lifecycle = lifecycle;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/**
	 * Whether saving the entity is one row statement and nothing else: no owned
	 * collections, no {@code @Version}, no callbacks or events. Such entities can be
	 * saved in JDBC batches.
	 */
	public boolean isPlain() {
		return this.versioned == null && this.relations.isEmpty() && !this.lifecycle.isActive();
	}

	/** Whether the entity has a {@code @Version}. */
	public boolean isVersioned() {
		return this.versioned != null;
	}

	/** The relations of the type. */
	public Relations<T> relations() {
		return this.relations;
	}

	/**
	 * Inserts an entity with its children.
	 * @param insertRow inserts the root's row and returns the entity with its id
	 */
	public T insert(T entity, UnaryOperator<T> insertRow) {
		return save(entity, true, insertRow);
	}

	/**
	 * Updates an entity and replaces its children; a versioned entity is updated only if
	 * its row still has its version.
	 * @param upsertRow writes the root's row of an unversioned entity
	 * @throws org.springframework.dao.OptimisticLockingFailureException on a version
	 * conflict
	 */
	public T update(T entity, UnaryOperator<T> upsertRow) {
		return save(entity, false, upsertRow);
	}

	private T save(T entity, boolean insert, UnaryOperator<T> row) {
		T prepared = this.lifecycle.beforeConvert(entity);
		if (insert && this.versioned != null) {
			prepared = this.versioned.initialVersion(prepared);
		}
		T toWrite = this.lifecycle.beforeSave(prepared);
		T saved = this.relations.cascades() ? inTransaction(() -> write(toWrite, insert, row))
				: write(toWrite, insert, row);
		return this.lifecycle.afterSave(saved);
	}

	private T write(T entity, boolean insert, UnaryOperator<T> row) {
		T saved = insert || this.versioned == null ? row.apply(entity) : this.versioned.update(this.jdbc, entity);
		return this.relations.isEmpty() ? saved : this.relations.saveChildren(this.jdbc, saved, !insert);
	}

	/**
	 * Deletes an entity and its children; a versioned entity only if its row still has
	 * its version.
	 * @param deleteRow deletes the root's row by id (unversioned entities)
	 * @throws InvalidDataAccessApiUsageException when the entity has no id
	 * @throws org.springframework.dao.OptimisticLockingFailureException on a version
	 * conflict
	 */
	public void delete(T entity, Consumer<Object> deleteRow) {
		T target = this.lifecycle.beforeDelete(entity);
		Object id = this.statements.values(target)[this.statements.idIndex()];
		if (id == null) {
			throw new InvalidDataAccessApiUsageException(
					"Cannot delete " + this.statements.entity().getType().getSimpleName() + " without an id");
		}
		runCascading(() -> {
			this.relations.deleteChildren(this.jdbc, id);
			if (this.versioned != null) {
				this.versioned.delete(this.jdbc, target);
			}
			else {
				deleteRow.accept(id);
			}
		});
		this.lifecycle.afterDelete(this.statements.entity().getType(), id, target);
	}

	/** Runs the before-delete callbacks, for deletes that batch many entities by id. */
	public T beforeDelete(T entity) {
		return this.lifecycle.beforeDelete(entity);
	}

	/**
	 * Deletes rows by id, their children first.
	 * @param deleteRows deletes the roots' rows
	 */
	public void deleteByIds(List<Object> ids, Runnable deleteRows) {
		runCascading(() -> {
			if (ids.size() == 1) {
				this.relations.deleteChildren(this.jdbc, ids.get(0));
			}
			else {
				this.relations.deleteChildren(this.jdbc, ids);
			}
			deleteRows.run();
		});
		if (this.lifecycle.isActive()) {
			for (Object id : ids) {
				this.lifecycle.afterDelete(this.statements.entity().getType(), id, null);
			}
		}
	}

	/**
	 * Deletes every row, the children's tables first.
	 * @param deleteRows deletes the roots' rows
	 */
	public void deleteAll(Runnable deleteRows) {
		runCascading(() -> {
			this.relations.deleteAllChildren(this.jdbc);
			deleteRows.run();
		});
	}

	/**
	 * Completes entities just read: loads their owned collections for all of them at
	 * once, attaches their references, runs the after-convert callbacks and publishes the
	 * load events.
	 * @return the entities, in order (copies for immutable types)
	 */
	public List<T> afterLoad(List<T> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		List<T> loaded = this.relations.isEmpty() ? rows : this.relations.load(this.jdbc, rows);
		return this.lifecycle.afterLoad(this.statements.entity().getType(), loaded);
	}

	/** Runs a multi-statement write in a transaction, joining the caller's. */
	public <R> R inTransaction(java.util.function.Supplier<R> work) {
		R result = this.transactions.execute(status -> work.get());
		if (result == null) {
			throw new IllegalStateException("Transaction returned no result");
		}
		return result;
	}

	private void runCascading(Runnable work) {
		if (this.relations.cascades()) {
			this.transactions.executeWithoutResult(status -> work.run());
		}
		else {
			work.run();
		}
	}

}
