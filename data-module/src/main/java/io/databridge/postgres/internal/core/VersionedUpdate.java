package io.databridge.postgres.internal.core;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.util.ClassUtils;

/**
 * Optimistic locking for an entity with a numeric {@code @Version} ({@code long},
 * {@code Long}, {@code int}, {@code Integer}). An insert starts the version at 0 for
 * wrapper types and at 1 for primitives (for a primitive, 0 is how Spring Data recognises
 * a new entity). An update is
 * {@code UPDATE t SET c1 = ?, ..., version = ? WHERE id = ? AND version = ?} binding the
 * expected version and its successor, which the {@code WHERE} makes equal to
 * {@code version + 1}; a delete is {@code DELETE ... WHERE id = ? AND version = ?}. When
 * no row matches, another transaction changed or deleted the row first, and an
 * {@link OptimisticLockingFailureException} reports it. Statements are rendered once, in
 * the constructor. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class VersionedUpdate<T> {

	private final EntityStatements<T> statements;

	private final EntityInstantiators instantiators;

	private final PgPersistentProperty version;

	private final int versionIndex;

	private final int[] setOrder;

	private final Class<?> versionType;

	/** The UPDATE checking and advancing the version. */
	public final String update;

	/** The DELETE checking the version. */
	public final String delete;

	/**
	 * Prepares the statements of a versioned entity.
	 * @throws MappingException when the version property is not a supported number type
	 */
	public VersionedUpdate(EntityStatements<T> statements, EntityInstantiators instantiators) {
		this.statements = statements;
		this.instantiators = instantiators;
		PgPersistentEntity<T> entity = statements.entity();
		this.version = entity.getRequiredVersionProperty();
		this.versionType = ClassUtils.resolvePrimitiveIfNecessary(this.version.getType());
		if (this.versionType != Long.class && this.versionType != Integer.class) {
			throw new MappingException(
					"@Version property '" + this.version.getName() + "' of " + entity.getType().getName()
							+ " must be long, Long, int or Integer, not " + this.version.getType());
		}
		List<PgPersistentProperty> columns = statements.columns();
		this.versionIndex = columns.indexOf(this.version);
		List<Sql.Assignment> assignments = new ArrayList<>();
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			if (i != statements.idIndex() && i != this.versionIndex) {
				assignments.add(new Sql.Assignment(new Column(columns.get(i).columnName()), new BindMarker("c" + i)));
				order.add(i);
			}
		}
		Column versionColumn = new Column(this.version.columnName());
		assignments.add(new Sql.Assignment(versionColumn, new BindMarker("nextVersion")));
		Sql.Condition idAndVersion = new Sql.And(List.of(
				new Sql.Comparison(new Column(statements.idProperty().columnName()), Sql.Operator.EQ,
						new BindMarker("id")),
				new Sql.Comparison(versionColumn, Sql.Operator.EQ, new BindMarker("version"))));
		this.setOrder = order.stream().mapToInt(Integer::intValue).toArray();
		this.update = SqlRenderer.render(new Sql.Update(statements.table(), assignments, idAndVersion, List.of()))
			.sql();
		this.delete = SqlRenderer.render(new Sql.Delete(statements.table(), idAndVersion, List.of())).sql();
	}

	/**
	 * Returns the entity with its version set to the initial value (0, or 1 for
	 * primitives).
	 */
	public T initialVersion(T entity) {
		return withVersion(entity, this.version.getType().isPrimitive() ? 1L : 0L);
	}

	/**
	 * Updates the row if it still has the entity's version.
	 * @return the entity carrying the new version (a copy for records)
	 * @throws OptimisticLockingFailureException when no row has that id and version
	 * @throws InvalidDataAccessApiUsageException when the entity has no id or no version
	 */
	public T update(ObservedJdbc jdbc, T entity) {
		@Nullable Object[] values = this.statements.values(entity);
		Object id = values[this.statements.idIndex()];
		long expected = expectedVersion(entity, values);
		long next = expected + 1;
		int rows = jdbc.update(table(), this.update, ps -> {
			int index = 1;
			for (int i : this.setOrder) {
				this.statements.writeCodec(i).bind(ps, index++, values[i]);
			}
			bindVersion(ps, index++, next);
			this.statements.idCodec().bind(ps, index++, id);
			bindVersion(ps, index, expected);
		});
		if (rows == 0) {
			throw conflict("update", id, expected);
		}
		return withVersion(entity, next);
	}

	/**
	 * Deletes the row if it still has the entity's version.
	 * @throws OptimisticLockingFailureException when no row has that id and version
	 */
	public void delete(ObservedJdbc jdbc, T entity) {
		@Nullable Object[] values = this.statements.values(entity);
		Object id = values[this.statements.idIndex()];
		long expected = expectedVersion(entity, values);
		int rows = jdbc.update(table(), this.delete, ps -> {
			this.statements.idCodec().bind(ps, 1, id);
			bindVersion(ps, 2, expected);
		});
		if (rows == 0) {
			throw conflict("delete", id, expected);
		}
	}

	private long expectedVersion(T entity, @Nullable Object[] values) {
		if (values[this.statements.idIndex()] == null) {
			throw new InvalidDataAccessApiUsageException("Cannot update or delete " + name() + " without an id");
		}
		Object current = values[this.versionIndex];
		if (current == null) {
			throw new InvalidDataAccessApiUsageException("Cannot update or delete " + name() + " with id "
					+ values[this.statements.idIndex()] + ": its @Version '" + this.version.getName()
					+ "' is null, so it was never saved; use insert or save");
		}
		return ((Number) current).longValue();
	}

	private void bindVersion(java.sql.PreparedStatement ps, int index, long value) throws java.sql.SQLException {
		if (this.versionType == Long.class) {
			ps.setLong(index, value);
		}
		else {
			ps.setInt(index, Math.toIntExact(value));
		}
	}

	private T withVersion(T entity, long value) {
		Object boxed = this.versionType == Long.class ? (Object) value : (Object) Math.toIntExact(value);
		PersistentPropertyAccessor<T> accessor = new InstantiationAwarePropertyAccessor<>(entity,
				this.statements.entity()::getPropertyAccessor, this.instantiators);
		accessor.setProperty(this.version, boxed);
		return accessor.getBean();
	}

	private OptimisticLockingFailureException conflict(String operation, @Nullable Object id, long expected) {
		return new OptimisticLockingFailureException(
				"Optimistic lock failed to " + operation + " " + name() + " with id " + id + " and version " + expected
						+ ": the row was changed or deleted by another transaction");
	}

	private String table() {
		return this.statements.entity().tableName();
	}

	private String name() {
		return this.statements.entity().getType().getSimpleName();
	}

}
