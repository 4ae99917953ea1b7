package io.databridge.postgres.internal.repository.query;

import java.lang.reflect.Method;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.SortRenderer;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.sql.NativeSql;
import io.databridge.postgres.internal.sql.RenderedSql;
import io.databridge.postgres.internal.sql.Sql;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.Parameter;
import org.springframework.data.repository.query.Parameters;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.data.repository.query.ValueExpressionQueryRewriter;
import org.springframework.data.repository.query.ValueExpressionQueryRewriter.QueryExpressionEvaluator;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.RowMapper;

/**
 * A {@link io.databridge.postgres.repository.Query @Query} method: native PostgreSQL SQL
 * whose {@code :name} and {@code ?1} parameters are resolved against the method when the
 * repository is created (an unknown name, a position out of range or an unused parameter
 * fails the start). Each argument binds through the codec of its declared type; a
 * Collection or array becomes one PostgreSQL array, for {@code = ANY(:ids)}. Modifying
 * queries return the update count. Sorted and paged variants wrap the statement and are
 * rendered once per sort (bounded cache). Value expressions ({@code :#{…}} and
 * {@code :${…}}) become extra parameters, evaluated on each call through Spring Data's
 * {@link ValueExpressionDelegate} (method arguments by name or {@code [0]}, and any
 * evaluation context extension) and bound by their runtime type. Thread-safe.
 */
public final class StringBasedPgQuery implements RepositoryQuery {

	private static final int CACHE_LIMIT = 256;

	/** The name of the parameter that stands for the n-th value expression. */
	private static final String EXPRESSION = "__databridge_expression_";

	private final PgQueryMethod method;

	private final EntityStatements<?> statements;

	private final ValueCodecs codecs;

	private final QueryRunner runner;

	private final int bindableCount;

	private final @Nullable QueryExpressionEvaluator expressions;

	private final List<String> expressionNames;

	private final ResultConverter results;

	private final RenderedSql parsed;

	private final Map<String, Slot> slots;

	private final PreparedQuery query;

	private final PreparedQuery count;

	private final Map<Variant, PreparedQuery> variants = new ConcurrentHashMap<>();

	/**
	 * Parses the SQL and resolves its parameters.
	 * @throws QueryCreationException naming the repository, the method and the parameter
	 */
	public StringBasedPgQuery(PgQueryMethod method, String sql, EntityStatements<?> statements, ValueCodecs codecs,
			ObservedJdbc jdbc, ResultConverter results, ValueExpressionDelegate delegate) {
		this.method = method;
		this.statements = statements;
		this.codecs = codecs;
		this.runner = new QueryRunner(jdbc, statements.entity().tableName(),
				results.completion(statements.entity().getType()));
		this.results = results;
		this.bindableCount = method.getParameters().getBindableParameters().getNumberOfParameters();
		try {
			this.expressions = hasExpressions(sql) ? ValueExpressionQueryRewriter
				.of(delegate, (index, expression) -> EXPRESSION + index, (prefix, name) -> ":" + name)
				.parse(sql, method.getParameters()) : null;
			this.parsed = NativeSql.parse(this.expressions != null ? this.expressions.getQueryString() : sql);
			this.expressionNames = this.parsed.parameters()
				.stream()
				.filter(name -> name.startsWith(EXPRESSION))
				.distinct()
				.toList();
			this.slots = resolveSlots();
			this.query = PreparedQuery.of(this.parsed, this.slots);
			this.count = PreparedQuery.of(NativeSql.count(this.parsed), this.slots);
		}
		catch (RuntimeException ex) {
			throw QueryCreationException.create(method, method.describe() + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean hasExpressions(String sql) {
		return sql.contains(":#{") || sql.contains("?#{") || sql.contains(":${") || sql.contains("?${");
	}

	/** The SQL as sent for an unsorted, unpaged call. */
	public String sql() {
		return this.query.sql();
	}

	@Override
	public PgQueryMethod getQueryMethod() {
		return this.method;
	}

	private Map<String, Slot> resolveSlots() {
		Parameters<?, ?> bindable = this.method.getParameters().getBindableParameters();
		Method javaMethod = this.method.method();
		BitSet used = new BitSet();
		Map<String, Slot> result = new HashMap<>();
		for (String name : this.parsed.parameters()) {
			if (name.startsWith(EXPRESSION)) {
				int index = this.bindableCount + this.expressionNames.indexOf(name);
				result.put(name, Slot.argument(index, new RuntimeTypedCodec(this.codecs), Slot.Transform.NONE));
				continue;
			}
			int index = indexOf(bindable, name);
			used.set(index);
			Parameter parameter = bindable.getParameter(index);
			ResolvableType type = ResolvableType
				.forMethodParameter(new MethodParameter(javaMethod, parameter.getIndex()));
			result.put(name, slot(index, type));
		}
		// a parameter may be used by a value expression only, which cannot be told here
		for (int i = 0; i < bindable.getNumberOfParameters() && this.expressions == null; i++) {
			if (!used.get(i)) {
				throw new IllegalArgumentException(
						"parameter " + bindable.getParameter(i).getName().orElse("#" + (i + 1))
								+ " is not used in the query; reference it as :name or ?" + (i + 1));
			}
		}
		result.put("limit", new Slot(Slot.Source.LIMIT, 0, this.statements.idCodec(), Slot.Transform.NONE));
		result.put("offset", new Slot(Slot.Source.OFFSET, 0, this.statements.idCodec(), Slot.Transform.NONE));
		return result;
	}

	private static int indexOf(Parameters<?, ?> bindable, String name) {
		if (Character.isDigit(name.charAt(0))) {
			int position = Integer.parseInt(name);
			if (position < 1 || position > bindable.getNumberOfParameters()) {
				throw new IllegalArgumentException("?" + name + " is out of range: the method has "
						+ bindable.getNumberOfParameters() + " bindable parameter(s)");
			}
			return position - 1;
		}
		for (int i = 0; i < bindable.getNumberOfParameters(); i++) {
			if (bindable.getParameter(i).getName().filter(name::equals).isPresent()) {
				return i;
			}
		}
		throw new IllegalArgumentException(
				"no method parameter named '" + name + "' (compile with -parameters or annotate it with @Param)");
	}

	private Slot slot(int index, ResolvableType type) {
		Class<?> raw = type.toClass();
		boolean multi = java.util.Collection.class.isAssignableFrom(raw) || raw.isArray() && raw != byte[].class;
		if (multi) {
			Class<?> element = raw.isArray() ? raw.getComponentType() : type.asCollection().resolveGeneric(0);
			ValueCodec codec = element == null ? null : this.codecs.find(element);
			if (codec == null) {
				throw new IllegalArgumentException("cannot bind parameter " + (index + 1) + " of type " + type
						+ " as an array: its element type has no PostgreSQL mapping");
			}
			return Slot.argument(index, codec, Slot.Transform.ARRAY);
		}
		ValueCodec codec = this.codecs.find(raw);
		return Slot.argument(index, codec != null ? codec : new RuntimeTypedCodec(this.codecs), Slot.Transform.NONE);
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.method.getParameters(), parameters);
		Object[] bindable = new Object[this.bindableCount + this.expressionNames.size()];
		for (int i = 0; i < this.bindableCount; i++) {
			bindable[i] = accessor.getBindableValue(i);
		}
		ArgumentChecks.check(this.method, bindable, this.bindableCount);
		if (this.expressions != null) {
			Map<String, Object> values = this.expressions.evaluate(parameters);
			for (int i = 0; i < this.expressionNames.size(); i++) {
				Object value = values.get(this.expressionNames.get(i));
				ArgumentChecks.checkExpression(this.method, i, value);
				bindable[this.bindableCount + i] = value;
			}
		}
		if (this.method.isModifyingQuery()) {
			int count = this.runner.update(this.query, new Invocation(bindable, 0, 0, Invocation.NONE));
			Class<?> type = this.method.getReturnedObjectType();
			return type == int.class || type == Integer.class ? count
					: type == void.class || type == Void.class ? null : (Object) (long) count;
		}
		ResultProcessor processor = this.method.getResultProcessor().withDynamicProjection(accessor);
		RowMapper<?> mapper = NativeResults.mapper(processor.getReturnedType(), this.method.getReturnedObjectType(),
				this.statements, this.codecs);
		if (this.method.isPageQuery() || this.method.isSliceQuery()) {
			return page(accessor.getPageable(), bindable, mapper, processor);
		}
		Sort sort = accessor.getSort();
		Limit limit = this.method.getParameters().hasLimitParameter() ? accessor.getLimit() : Limit.unlimited();
		if (this.method.isScrollQuery()) {
			return this.results.process(processor, window(accessor.getScrollPosition(), limit, sort, bindable, mapper));
		}
		PreparedQuery sorted = sort.isSorted() || limit.isLimited() ? variant(sort, limit.isLimited(), false)
				: this.query;
		Invocation invocation = new Invocation(bindable, limit.isLimited() ? limit.max() : 0, 0, Invocation.NONE);
		if (this.method.isStreamQuery()) {
			return this.results.process(processor,
					this.runner.stream(sorted, invocation, mapper, this.method.describe()));
		}
		List<?> rows = this.runner.list(sorted, invocation, mapper);
		if (this.method.isCollectionQuery()) {
			return this.results.process(processor, rows);
		}
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(this.method.describe() + " returned more than one row", 1);
		}
		return rows.isEmpty() ? null : this.results.process(processor, rows.get(0));
	}

	private Object page(Pageable pageable, Object[] bindable, RowMapper<?> mapper, ResultProcessor processor) {
		if (pageable.isUnpaged()) {
			PreparedQuery sorted = pageable.getSort().isSorted() ? variant(pageable.getSort(), false, false)
					: this.query;
			List<?> rows = this.runner.list(sorted, new Invocation(bindable, 0, 0, Invocation.NONE), mapper);
			return this.results.process(processor, this.method.isPageQuery() ? new PageImpl<>(List.copyOf(rows))
					: new SliceImpl<>(List.copyOf(rows), Pageable.unpaged(), false));
		}
		boolean slice = this.method.isSliceQuery();
		int size = pageable.getPageSize();
		List<?> rows = this.runner.list(variant(pageable.getSort(), true, true),
				new Invocation(bindable, slice ? size + 1L : size, pageable.getOffset(), Invocation.NONE), mapper);
		if (slice) {
			return this.results.process(processor, QueryRunner.slice(rows, size, pageable));
		}
		PreparedQuery count = this.count;
		Invocation counting = new Invocation(bindable, 0, 0, Invocation.NONE);
		return this.results.process(processor,
				PageableExecutionUtils.getPage(rows, pageable, () -> this.runner.count(count, counting)));
	}

	/**
	 * The statement (and the count of Page methods) with their parameters, for the
	 * statement catalogue.
	 */
	public List<CatalogStatement> catalogue() {
		if (this.method.isPageQuery()) {
			return List.of(CatalogStatement.of(this.query, this.method), CatalogStatement.of(this.count, this.method));
		}
		return List.of(CatalogStatement.of(this.query, this.method));
	}

	/**
	 * The count statement of Page results: the query wrapped in {@code SELECT count(*)}.
	 */
	public String countSql() {
		return this.count.sql();
	}

	/**
	 * Scrolls by offset: {@code OFFSET} is one past the position's, and one row more than
	 * the limit is fetched to tell whether there is a next window. Native SQL cannot take
	 * a keyset condition, so keyset positions are rejected.
	 */
	private Window<?> window(@Nullable ScrollPosition position, Limit limit, Sort sort, Object[] bindable,
			RowMapper<?> mapper) {
		if (position != null && !(position instanceof OffsetScrollPosition)) {
			throw new InvalidDataAccessApiUsageException(this.method.describe()
					+ " is a @Query method, which scrolls by offset only; use a derived query method for keyset scrolling");
		}
		OffsetScrollPosition offset = position == null ? ScrollPosition.offset() : (OffsetScrollPosition) position;
		long start = offset.isInitial() ? 0 : offset.getOffset() + 1;
		List<?> rows = this.runner.list(variant(sort, limit.isLimited(), true),
				new Invocation(bindable, limit.isLimited() ? limit.max() + 1L : 0, start, Invocation.NONE), mapper);
		return window(rows, limit, OffsetScrollPosition.positionFunction(start));
	}

	private static <T> Window<T> window(List<T> rows, Limit limit, IntFunction<OffsetScrollPosition> positions) {
		boolean hasNext = limit.isLimited() && rows.size() > limit.max();
		return Window.from(hasNext ? rows.subList(0, limit.max()) : rows, positions, hasNext);
	}

	private PreparedQuery variant(Sort sort, boolean limit, boolean offset) {
		Variant key = new Variant(sort, limit, offset);
		PreparedQuery cached = this.variants.get(key);
		if (cached == null) {
			List<Sql.OrderBy> order = SortRenderer.orderBy(this.statements.entity(), sort);
			cached = PreparedQuery.of(NativeSql.wrap(this.parsed, order, limit, offset), this.slots);
			if (this.variants.size() >= CACHE_LIMIT) {
				this.variants.clear();
			}
			this.variants.put(key, cached);
		}
		return cached;
	}

	/**
	 * The shape of a wrapped statement: a caller's sort and whether LIMIT and OFFSET are
	 * present.
	 */
	private record Variant(Sort sort, boolean limit, boolean offset) {
	}

}
