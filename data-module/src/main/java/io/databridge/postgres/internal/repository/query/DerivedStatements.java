package io.databridge.postgres.internal.repository.query;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.SortRenderer;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.Sql.BindMarker;
import io.databridge.postgres.internal.sql.Sql.Condition;
import io.databridge.postgres.internal.sql.Sql.Expression;
import io.databridge.postgres.internal.sql.Sql.OrderBy;
import io.databridge.postgres.internal.sql.SqlRenderer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.Parameters;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.jdbc.core.RowMapper;

/**
 * The statements of one derived query method, per {@link StatementShape}. The shape every
 * call without nulls, dynamic sort or paging uses is built when the repository is created
 * (so a bad method fails the start); other shapes are built on first use and kept in a
 * cache whose size is bounded, since dynamic sorts come from callers.
 *
 * <p>
 * Building a shape runs the {@link PgQueryCreator} over the tree, adds the select list,
 * keyset condition, order and paging, and renders through {@link SqlRenderer}.
 * Thread-safe.
 */
final class DerivedStatements {

	private static final int CACHE_LIMIT = 256;

	private final PartTree tree;

	private final Method method;

	private final Parameters<?, ?> parameters;

	private final EntityStatements<?> statements;

	private final PgPersistentEntity<?> entity;

	private final ValueCodecs codecs;

	private final long nullAwareMask;

	private final @Nullable VectorSearch vectorSearch;

	private final Map<StatementShape, PreparedQuery> cache = new ConcurrentHashMap<>();

	DerivedStatements(PartTree tree, Method method, Parameters<?, ?> parameters, EntityStatements<?> statements,
			ValueCodecs codecs) {
		this.tree = tree;
		this.method = method;
		this.parameters = parameters;
		this.statements = statements;
		this.entity = statements.entity();
		this.codecs = codecs;
		int expected = 0;
		long mask = 0;
		for (Part part : tree.getParts()) {
			if (PgQueryCreator.isNullAware(part) && expected < 64) {
				mask |= 1L << expected;
			}
			expected += part.getNumberOfArguments();
		}
		this.nullAwareMask = mask;
		this.vectorSearch = VectorSearch.of(tree, parameters, this.entity);
		int actual = new ArgumentShapes(method, parameters, 0).size();
		if (actual != expected) {
			throw new PgQueryCreator.InvalidQueryException("the method name needs " + expected
					+ " argument(s) but the method declares " + actual + " bindable parameter(s)");
		}
	}

	PgPersistentEntity<?> entity() {
		return this.entity;
	}

	EntityStatements<?> entityStatements() {
		return this.statements;
	}

	PartTree tree() {
		return this.tree;
	}

	/**
	 * The vector search of the method, {@code null} when it has no Near / Within part.
	 */
	@Nullable VectorSearch vectorSearch() {
		return this.vectorSearch;
	}

	/**
	 * A mapper for rows of the given properties: by position for every column, else by
	 * label (one per call).
	 */
	RowMapper<?> mapper(List<String> properties) {
		var reader = this.statements.reader();
		return properties.isEmpty() ? reader.mapper() : reader.labelMapper();
	}

	/** The null mask of a call: bits of null arguments in null-aware parts. */
	long nullMask(Object[] bindable) {
		long mask = 0;
		for (int i = 0; i < bindable.length && i < 64; i++) {
			if (bindable[i] == null && (this.nullAwareMask & (1L << i)) != 0) {
				mask |= 1L << i;
			}
		}
		return mask;
	}

	/**
	 * The statement for a shape, built now and kept.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the sort
	 * names an unknown property (nothing is cached then)
	 */
	PreparedQuery get(StatementShape shape) {
		PreparedQuery query = this.cache.get(shape);
		if (query == null) {
			query = build(shape);
			if (this.cache.size() >= CACHE_LIMIT) {
				this.cache.clear();
			}
			this.cache.put(shape, query);
		}
		return query;
	}

	/**
	 * How many shapes have been built and kept; for tests that check statements are
	 * reused.
	 */
	int cachedShapes() {
		return this.cache.size();
	}

	private PreparedQuery build(StatementShape shape) {
		Map<String, Slot> slots = new HashMap<>();
		PgQueryCreator creator = new PgQueryCreator(this.tree,
				new ArgumentShapes(this.method, this.parameters, shape.nullMask()), this.entity, this.codecs, slots,
				this.vectorSearch, shape.metric());
		Condition where = this.tree.hasPredicate() ? creator.createQuery() : null;
		Expression distance = creator.distance();
		if (shape.keyset()) {
			Condition keyset = keyset(shape.sort(), shape.backward(), slots);
			where = where == null ? keyset : new Sql.And(List.of(where, keyset));
		}
		Sql.Table table = this.statements.table();
		Sql.Statement statement = switch (shape.kind()) {
			case COUNT ->
				Sql.Select.of(List.of(new Sql.FunctionCall("count", List.of(new Sql.Star()))), table).where(where);
			case EXISTS ->
				Sql.Select.of(List.of(new Sql.Literal(1)), table).where(where).limitOffset(new Sql.Literal(1), null);
			case DELETE -> new Sql.Delete(table, where, List.of());
			case DELETE_RETURNING -> new Sql.Delete(table, where, columns(shape.properties()));
			case SELECT -> select(shape, where, slots, distance);
		};
		return PreparedQuery.of(SqlRenderer.render(statement), slots);
	}

	/**
	 * The SELECT; a vector search adds its distance as the last column and orders by it
	 * first, the nearest first (the form a pgvector index serves).
	 */
	private Sql.Select select(StatementShape shape, @Nullable Condition where, Map<String, Slot> slots,
			@Nullable Expression distance) {
		List<OrderBy> order = SortRenderer.orderBy(this.entity, shape.sort());
		List<Expression> columns = columns(shape.properties());
		if (distance != null) {
			List<OrderBy> nearestFirst = new ArrayList<>();
			nearestFirst.add(OrderBy.asc(distance));
			nearestFirst.addAll(order);
			order = nearestFirst;
			columns = new ArrayList<>(columns);
			columns.add(distance);
		}
		if (shape.backward()) {
			order = order.stream().map(o -> new OrderBy(o.expression(), !o.descending(), o.nulls())).toList();
		}
		Expression limit = null;
		Expression offset = null;
		if (shape.limit()) {
			slots.put("limit", new Slot(Slot.Source.LIMIT, 0, this.statements.idCodec(), Slot.Transform.NONE));
			limit = new BindMarker("limit");
		}
		if (shape.offset()) {
			slots.put("offset", new Slot(Slot.Source.OFFSET, 0, this.statements.idCodec(), Slot.Transform.NONE));
			offset = new BindMarker("offset");
		}
		return Sql.Select.of(columns, this.statements.table())
			.where(where)
			.orderBy(order)
			.distinct(this.tree.isDistinct())
			.limitOffset(limit, offset);
	}

	private List<Expression> columns(List<String> properties) {
		if (properties.isEmpty()) {
			return this.entity.columns().stream().<Expression>map(p -> new Sql.Column(p.columnName())).toList();
		}
		return properties.stream()
			.<Expression>map(name -> new Sql.Column(this.entity.requireProperty(name).columnName()))
			.toList();
	}

	/**
	 * {@code (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...} over the sort keys, {@code <} for
	 * descending keys, all reversed when scrolling backward. Keys must not be null
	 * (keyset scrolling requires non-null sort keys, as in every Spring Data module).
	 */
	private Condition keyset(Sort sort, boolean backward, Map<String, Slot> slots) {
		List<Sort.Order> orders = sort.toList();
		List<Condition> branches = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			List<Condition> branch = new ArrayList<>();
			for (int j = 0; j <= i; j++) {
				Sort.Order order = orders.get(j);
				PgPersistentProperty property = this.entity.requireProperty(order.getProperty());
				String name = "k" + j;
				slots.put(name,
						new Slot(Slot.Source.KEYSET, j, this.codecs.forProperty(property), Slot.Transform.NONE));
				Sql.Operator operator = Sql.Operator.EQ;
				if (j == i) {
					boolean greater = order.isAscending() != backward;
					operator = greater ? Sql.Operator.GT : Sql.Operator.LT;
				}
				branch.add(new Sql.Comparison(new Sql.Column(property.columnName()), operator, new BindMarker(name)));
			}
			branches.add(new Sql.And(branch));
		}
		return new Sql.Or(branches);
	}

}
