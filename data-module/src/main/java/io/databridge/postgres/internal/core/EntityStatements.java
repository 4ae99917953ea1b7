package io.databridge.postgres.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.databridge.postgres.internal.convert.EntityReader;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Column;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.Select;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;

/**
 * Everything data-bridge sends for one entity type, rendered once when the type is first
 * used: the CRUD statements, the codecs that bind each column, and the reader for its
 * rows. Statements that depend on a caller's {@link Sort} are rendered on first use and
 * kept in a bounded cache whose keys are only sorts that resolved against the mapping, so
 * bogus names cannot grow it.
 *
 * <p>
 * Thread-safe.
 *
 * @param <T> the entity type
 */
public final class EntityStatements<T> {

	private static final int SORT_CACHE_LIMIT = 256;

	private final PgPersistentEntity<T> entity;

	private final EntityInstantiators instantiators;

	private final ValueCodecs codecRegistry;

	private final List<PgPersistentProperty> columns;

	private final ValueCodec[] codecs;

	/**
	 * The codecs fitted to the declared column types, once the first write read them
	 * ({@code null} before).
	 */
	private volatile ValueCodec @Nullable [] writeCodecs;

	private final PgPersistentProperty id;

	private final int idIndex;

	private final EntityReader<T> reader;

	private final Sql.Table table;

	private final List<Column> selectList;

	private final Select selectAll;

	/** INSERT of every column, id included (assigned ids), OVERRIDING SYSTEM VALUE. */
	public final String insertWithId;

	/** INSERT of every column but the id, RETURNING the generated id. */
	public final String insertGeneratingId;

	/**
	 * INSERT of every column but the id, for JDBC batches that ask the driver for the
	 * generated keys.
	 */
	public final String insertWithoutId;

	/** INSERT of every column, updating every other column when the id exists. */
	public final String upsert;

	/** SELECT of every column. */
	public final String selectAllSql;

	/** SELECT of every column for one id. */
	public final String selectById;

	/** SELECT of every column for an array of ids. */
	public final String selectByIds;

	/** SELECT 1 for one id. */
	public final String existsById;

	/** SELECT count(*). */
	public final String count;

	/** DELETE for one id. */
	public final String deleteById;

	/** DELETE for an array of ids. */
	public final String deleteByIds;

	/** DELETE of every row. */
	public final String deleteAll;

	private final Map<Sort, String> sorted = new ConcurrentHashMap<>();

	private final Map<Sort, String> paged = new ConcurrentHashMap<>();

	/**
	 * Renders the statements of an entity.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when it has no
	 * id
	 * @throws org.springframework.data.mapping.MappingException when a property has no
	 * mapping
	 */
	public EntityStatements(PgPersistentEntity<T> entity, ValueCodecs codecRegistry,
			EntityInstantiators instantiators) {
		this.entity = entity;
		this.instantiators = instantiators;
		this.codecRegistry = codecRegistry;
		this.columns = entity.columns();
		this.id = entity.requireId();
		this.idIndex = this.columns.indexOf(this.id);
		this.codecs = new ValueCodec[this.columns.size()];
		for (int i = 0; i < this.codecs.length; i++) {
			this.codecs[i] = codecRegistry.forProperty(this.columns.get(i));
		}
		this.reader = new EntityReader<>(entity, codecRegistry, instantiators);
		this.table = new Sql.Table(entity.schema(), entity.tableName());
		this.selectList = this.columns.stream().map(p -> new Column(p.columnName())).toList();
		Column idColumn = new Column(this.id.columnName());
		List<Column> others = new ArrayList<>(this.selectList);
		others.remove(idColumn);

		this.insertWithId = render(
				new Sql.Insert(this.table, this.selectList, markers(this.selectList.size()), true, null, List.of()));
		List<Expression> otherMarkers = new ArrayList<>();
		for (int i = 0; i < this.columns.size(); i++) {
			if (i != this.idIndex) {
				otherMarkers.add(new BindMarker("c" + i));
			}
		}
		this.insertGeneratingId = render(
				new Sql.Insert(this.table, others, otherMarkers, false, null, List.of(idColumn)));
		this.insertWithoutId = render(new Sql.Insert(this.table, others, otherMarkers, false, null, List.of()));
		this.upsert = render(new Sql.Insert(this.table, this.selectList, markers(this.selectList.size()), true,
				new Sql.OnConflict(List.of(idColumn), others.isEmpty() ? List.of(idColumn) : others), List.of()));
		this.selectAll = Select.of(this.selectList, this.table);
		this.selectAllSql = render(this.selectAll);
		Sql.Condition byId = new Sql.Comparison(idColumn, Sql.Operator.EQ, new BindMarker("id"));
		Sql.Condition byIds = new Sql.AnyOf(idColumn, new BindMarker("ids"), false);
		this.selectById = render(this.selectAll.where(byId));
		this.selectByIds = render(this.selectAll.where(byIds));
		this.existsById = render(
				Select.of(List.of(new Sql.Literal(1)), this.table).where(byId).limitOffset(new Sql.Literal(1), null));
		this.count = render(Select.of(List.of(new Sql.FunctionCall("count", List.of(new Sql.Star()))), this.table));
		this.deleteById = render(new Sql.Delete(this.table, byId, List.of()));
		this.deleteByIds = render(new Sql.Delete(this.table, byIds, List.of()));
		this.deleteAll = render(new Sql.Delete(this.table, null, List.of()));
	}

	private static List<Expression> markers(int count) {
		List<Expression> markers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			markers.add(new BindMarker("c" + i));
		}
		return markers;
	}

	private static String render(Sql.Statement statement) {
		return SqlRenderer.render(statement).sql();
	}

	/** The mapped entity. */
	public PgPersistentEntity<T> entity() {
		return this.entity;
	}

	/** The table. */
	public Sql.Table table() {
		return this.table;
	}

	/**
	 * The mapped properties, in the order of every SELECT list and column-wise INSERT.
	 */
	public List<PgPersistentProperty> columns() {
		return this.columns;
	}

	/**
	 * The registry the codecs come from, which also fits them to the declared column
	 * types ({@link ValueCodecs#forColumns}), as binary COPY needs.
	 */
	public ValueCodecs codecRegistry() {
		return this.codecRegistry;
	}

	/** The codec of the column at {@code index} in {@link #columns()}. */
	public ValueCodec codec(int index) {
		return this.codecs[index];
	}

	/**
	 * The codec that writes the column at {@code index}: fitted to the declared column
	 * type (range-checked, naming the column) once {@link #useWriteCodecs} was called,
	 * else {@link #codec(int)}.
	 */
	public ValueCodec writeCodec(int index) {
		ValueCodec[] fitted = this.writeCodecs;
		return (fitted != null) ? fitted[index] : this.codecs[index];
	}

	/**
	 * Sets the codecs fitted to the declared column types, in {@link #columns()} order.
	 */
	public void useWriteCodecs(ValueCodec[] fitted) {
		this.writeCodecs = fitted;
	}

	/** The id property. */
	public PgPersistentProperty idProperty() {
		return this.id;
	}

	/** The index of the id in {@link #columns()}. */
	public int idIndex() {
		return this.idIndex;
	}

	/** The codec of the id column. */
	public ValueCodec idCodec() {
		return this.codecs[this.idIndex];
	}

	/** The reader that maps rows of {@link #columns()} to entities. */
	public EntityReader<T> reader() {
		return this.reader;
	}

	/** {@code SELECT columns FROM table} as a tree, for queries that add conditions. */
	public Select selectAll() {
		return this.selectAll;
	}

	/**
	 * Reads every column value of an entity, in {@link #columns()} order.
	 * @param instance the entity
	 */
	public @Nullable Object[] values(T instance) {
		Object[] values = new Object[this.columns.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.columns.get(i).readFrom(instance);
		}
		return values;
	}

	/**
	 * Returns the entity with its id set: the same object for mutable classes, a new one
	 * for records and other immutable types.
	 */
	public T withId(T instance, Object idValue) {
		PersistentPropertyAccessor<T> accessor = new InstantiationAwarePropertyAccessor<>(instance,
				this.entity::getPropertyAccessor, this.instantiators);
		accessor.setProperty(this.id, idValue);
		return accessor.getBean();
	}

	/**
	 * The SELECT of every column in the given order, optionally as a page:
	 * {@code LIMIT ? OFFSET ?} (argument names {@code limit} and {@code offset}) with one
	 * more column after the entity's, {@code count(*) OVER ()}, the total number of rows,
	 * so a page needs no separate count query.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException naming a
	 * property that the entity does not have, before anything is cached or sent
	 */
	public String select(Sort sort, boolean withLimitOffset) {
		Map<Sort, String> cache = withLimitOffset ? this.paged : this.sorted;
		String sql = cache.get(sort);
		if (sql == null) {
			Select select = this.selectAll.orderBy(SortRenderer.orderBy(this.entity, sort));
			if (withLimitOffset) {
				List<Expression> columns = new ArrayList<>(select.columns());
				columns.add(new Sql.WindowFunction(new Sql.FunctionCall("count", List.of(new Sql.Star()))));
				select = select.columns(columns).limitOffset(new BindMarker("limit"), new BindMarker("offset"));
			}
			sql = render(select);
			if (cache.size() >= SORT_CACHE_LIMIT) {
				cache.clear();
			}
			cache.put(sort, sql);
		}
		return sql;
	}

}
