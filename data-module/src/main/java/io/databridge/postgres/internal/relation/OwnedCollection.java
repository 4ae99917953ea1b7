package io.databridge.postgres.internal.relation;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.databridge.postgres.internal.convert.EntityReader;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * One owned one-to-many collection: the child table's statements, rendered once, and the
 * algorithms that keep it in step with its owners.
 * <ul>
 * <li><b>Load</b>: for any number of owners, one
 * {@code SELECT child columns, fk FROM child WHERE fk = ANY(?) ORDER BY fk[, id]} with
 * the owners' ids as one array; rows are grouped by owner id and each owner gets its
 * collection (an empty one when it has no rows), never one query per owner.</li>
 * <li><b>Insert</b>: children whose id is set or who have no {@code @Id} go in one JDBC
 * batch; children with a {@code null} id are inserted one by one with
 * {@code RETURNING id}, and the returned owner holds them with their new ids.</li>
 * <li><b>Update</b>, as Spring Data JDBC does: delete every child row of the owner, then
 * insert the current children (keeping the ids they carry).</li>
 * <li><b>Delete</b>: the children's rows before the owner's, by owner id or ids.</li>
 * </ul>
 * A child property mapped to the foreign-key column itself is read but not written: the
 * owner's id is. Thread-safe.
 */
final class OwnedCollection {

	private final PgPersistentProperty property;

	private final PgPersistentEntity<?> owner;

	private final PgPersistentEntity<Object> child;

	private final EntityInstantiators instantiators;

	private final ValueCodec ownerIdCodec;

	private final EntityReader<Object> reader;

	private final List<PgPersistentProperty> columns;

	private final ValueCodec[] codecs;

	private final @Nullable PgPersistentProperty childId;

	private final int childIdIndex;

	private final int[] written;

	private final int[] writtenWithoutId;

	private final String select;

	private final String insert;

	private final @Nullable String insertGeneratingId;

	private final String deleteByOwner;

	private final String deleteByOwners;

	private final String deleteAll;

	@SuppressWarnings("unchecked")
	OwnedCollection(PgPersistentProperty property, PgPersistentEntity<?> owner, PgPersistentEntity<?> child,
			ValueCodecs codecRegistry, EntityInstantiators instantiators) {
		this.property = property;
		this.owner = owner;
		this.child = (PgPersistentEntity<Object>) child;
		this.instantiators = instantiators;
		if (!child.collections().isEmpty()) {
			throw new MappingException("Collection '" + property.getName() + "' of " + owner.getType().getName()
					+ " holds " + child.getType().getName()
					+ ", which owns collections itself; only one level is supported");
		}
		this.ownerIdCodec = codecRegistry.forProperty(owner.requireId());
		this.reader = new EntityReader<>(this.child, codecRegistry, instantiators);
		this.columns = child.columns();
		this.codecs = new ValueCodec[this.columns.size()];
		for (int i = 0; i < this.codecs.length; i++) {
			this.codecs[i] = codecRegistry.forProperty(this.columns.get(i));
		}
		this.childId = child.getIdProperty();
		this.childIdIndex = this.childId == null ? -1 : this.columns.indexOf(this.childId);
		String fk = property.foreignKeyColumn();
		List<Integer> all = new ArrayList<>();
		List<Integer> withoutId = new ArrayList<>();
		for (int i = 0; i < this.columns.size(); i++) {
			if (!this.columns.get(i).columnName().equals(fk)) {
				all.add(i);
				if (i != this.childIdIndex) {
					withoutId.add(i);
				}
			}
		}
		this.written = all.stream().mapToInt(Integer::intValue).toArray();
		this.writtenWithoutId = withoutId.stream().mapToInt(Integer::intValue).toArray();

		Sql.Table table = new Sql.Table(child.schema(), child.tableName());
		Column fkColumn = new Column(fk);
		List<Column> selectList = new ArrayList<>(this.columns.stream().map(p -> new Column(p.columnName())).toList());
		selectList.add(fkColumn);
		List<Sql.OrderBy> order = new ArrayList<>();
		order.add(Sql.OrderBy.asc(fkColumn));
		if (this.childId != null) {
			order.add(Sql.OrderBy.asc(new Column(this.childId.columnName())));
		}
		this.select = render(Sql.Select.of(selectList, table)
			.where(new Sql.AnyOf(fkColumn, new BindMarker("owners"), false))
			.orderBy(order));
		this.insert = render(insert(table, fkColumn, this.written, this.childId != null, List.of()));
		this.insertGeneratingId = this.childId == null ? null : render(
				insert(table, fkColumn, this.writtenWithoutId, false, List.of(new Column(this.childId.columnName()))));
		this.deleteByOwner = render(new Sql.Delete(table,
				new Sql.Comparison(fkColumn, Sql.Operator.EQ, new BindMarker("owner")), List.of()));
		this.deleteByOwners = render(
				new Sql.Delete(table, new Sql.AnyOf(fkColumn, new BindMarker("owners"), false), List.of()));
		this.deleteAll = render(new Sql.Delete(table, null, List.of()));
	}

	private Sql.Insert insert(Sql.Table table, Column fk, int[] indexes, boolean overriding,
			List<Expression> returning) {
		List<Column> insertColumns = new ArrayList<>();
		List<Expression> values = new ArrayList<>();
		insertColumns.add(fk);
		values.add(new BindMarker("owner"));
		for (int i : indexes) {
			insertColumns.add(new Column(this.columns.get(i).columnName()));
			values.add(new BindMarker("c" + i));
		}
		return new Sql.Insert(table, insertColumns, values, overriding, null, returning);
	}

	private static String render(Sql.Statement statement) {
		return SqlRenderer.render(statement).sql();
	}

	/**
	 * The rendered statements, for tests: select, insert, insert generating the id (or
	 * null), deletes.
	 */
	List<@Nullable String> statements() {
		return java.util.Arrays.asList(this.select, this.insert, this.insertGeneratingId, this.deleteByOwner,
				this.deleteByOwners, this.deleteAll);
	}

	/** The collection property. */
	PgPersistentProperty property() {
		return this.property;
	}

	/**
	 * Loads the children of every owner with one query and sets them on their owners.
	 * @return the owners holding their children, in order (copies for immutable types)
	 */
	<T> List<T> load(ObservedJdbc jdbc, List<T> owners) {
		PgPersistentProperty ownerId = this.owner.requireId();
		List<Object> ids = new ArrayList<>(owners.size());
		for (T o : owners) {
			Object id = this.owner.getPropertyAccessor(o).getProperty(ownerId);
			if (id != null) {
				ids.add(id);
			}
		}
		Map<Object, List<Object>> byOwner = new HashMap<>();
		if (!ids.isEmpty()) {
			RowMapper<Object> childMapper = this.reader.mapper();
			int fkColumn = this.columns.size() + 1;
			jdbc.query(childTable(), this.select, ps -> bindArray(ps, 1, ids), rs -> {
				while (rs.next()) {
					Object fk = this.ownerIdCodec.read(rs, fkColumn);
					byOwner.computeIfAbsent(fk, k -> new ArrayList<>()).add(childMapper.mapRow(rs, 0));
				}
				return null;
			});
		}
		List<T> result = new ArrayList<>(owners.size());
		for (T o : owners) {
			Object id = this.owner.getPropertyAccessor(o).getProperty(ownerId);
			List<Object> children = id == null ? null : byOwner.get(id);
			result.add(set(o, children == null ? List.of() : children));
		}
		return result;
	}

	/**
	 * Inserts the owner's current children.
	 * @return the owner, holding children with generated ids when any were generated
	 */
	<T> T insert(ObservedJdbc jdbc, T ownerEntity, Object ownerId) {
		Collection<?> children = children(ownerEntity);
		if (children.isEmpty()) {
			return ownerEntity;
		}
		List<Object> batch = new ArrayList<>();
		List<Object> result = new ArrayList<>(children.size());
		boolean generated = false;
		for (Object c : children) {
			PersistentPropertyAccessor<Object> accessor = this.child.getPropertyAccessor(c);
			if (this.childId != null && accessor.getProperty(this.childId) == null) {
				result.add(insertGeneratingId(jdbc, c, ownerId));
				generated = true;
			}
			else {
				batch.add(c);
				result.add(c);
			}
		}
		if (!batch.isEmpty()) {
			jdbc.batchUpdate(childTable(), this.insert, new BatchPreparedStatementSetter() {
				@Override
				public void setValues(PreparedStatement ps, int i) throws SQLException {
					bindChild(ps, ownerId, batch.get(i), OwnedCollection.this.written);
				}

				@Override
				public int getBatchSize() {
					return batch.size();
				}
			});
		}
		return generated ? set(ownerEntity, result) : ownerEntity;
	}

	private Object insertGeneratingId(ObservedJdbc jdbc, Object c, Object ownerId) {
		PgPersistentProperty id = this.childId;
		String sql = this.insertGeneratingId;
		if (id == null || sql == null) {
			throw new IllegalStateException("child has no id");
		}
		ValueCodec idCodec = this.codecs[this.childIdIndex];
		Object generatedId = jdbc.query(childTable(), sql, ps -> bindChild(ps, ownerId, c, this.writtenWithoutId),
				rs -> rs.next() ? idCodec.read(rs, 1) : null);
		if (generatedId == null) {
			throw new IllegalStateException("INSERT into " + this.child.tableName() + " returned no id");
		}
		PersistentPropertyAccessor<Object> accessor = new InstantiationAwarePropertyAccessor<>(c,
				this.child::getPropertyAccessor, this.instantiators);
		accessor.setProperty(id, generatedId);
		return accessor.getBean();
	}

	/** Deletes every child row of one owner. */
	void deleteByOwner(ObservedJdbc jdbc, Object ownerId) {
		jdbc.update(childTable(), this.deleteByOwner, ps -> this.ownerIdCodec.bind(ps, 1, ownerId));
	}

	/** Deletes every child row of these owners. */
	void deleteByOwners(ObservedJdbc jdbc, List<Object> ownerIds) {
		jdbc.update(childTable(), this.deleteByOwners, ps -> bindArray(ps, 1, ownerIds));
	}

	/** Deletes every row of the child table. */
	void deleteAll(ObservedJdbc jdbc) {
		jdbc.update(childTable(), this.deleteAll);
	}

	private String childTable() {
		return this.child.tableName();
	}

	private void bindChild(PreparedStatement ps, Object ownerId, Object c, int[] indexes) throws SQLException {
		PersistentPropertyAccessor<Object> accessor = this.child.getPropertyAccessor(c);
		this.ownerIdCodec.bind(ps, 1, ownerId);
		int index = 2;
		for (int i : indexes) {
			this.codecs[i].bind(ps, index++, accessor.getProperty(this.columns.get(i)));
		}
	}

	private void bindArray(PreparedStatement ps, int index, List<Object> ids) throws SQLException {
		Array array = ps.getConnection().createArrayOf(this.ownerIdCodec.pgType(), ids.toArray());
		ps.setArray(index, array);
	}

	private Collection<?> children(Object ownerEntity) {
		Object value = this.owner.getPropertyAccessor(cast(ownerEntity)).getProperty(this.property);
		return value == null ? List.of() : (Collection<?>) value;
	}

	private <T> T set(T ownerEntity, List<Object> children) {
		Collection<Object> value = Set.class.isAssignableFrom(this.property.getType()) ? new LinkedHashSet<>(children)
				: new ArrayList<>(children);
		PgPersistentEntity<T> ownerType = cast(this.owner);
		PersistentPropertyAccessor<T> accessor = new InstantiationAwarePropertyAccessor<>(ownerEntity,
				ownerType::getPropertyAccessor, this.instantiators);
		accessor.setProperty(this.property, value);
		return accessor.getBean();
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

}
