package io.databridge.postgres.internal.repository.query;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.convert.VectorMetric;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.internal.repository.query.StatementShape.Kind;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SearchResult;
import org.springframework.data.domain.SearchResults;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.RowMapper;

/**
 * A derived query method: the method name is parsed by Spring Data's {@link PartTree} and
 * validated when the repository is created, and the SQL of its default shape (no
 * {@code null} arguments, no dynamic sort or paging) is rendered then, into a final
 * field. Each call picks its {@link StatementShape}, binds the arguments and shapes the
 * result for the declared return type: entity, Optional, collection, Stream (server-side
 * cursor), Page, Slice, Window (offset or keyset), count, exists, or delete. Thread-safe.
 */
public final class PartTreePgQuery implements RepositoryQuery {

	private final PgQueryMethod method;

	private final DerivedStatements statements;

	private final QueryRunner runner;

	private final int bindableCount;

	private final ResultConverter results;

	private final PartTree tree;

	private final StatementShape defaultShape;

	private final PreparedQuery defaultQuery;

	/**
	 * Parses and validates the method and renders its default statement.
	 * @throws QueryCreationException naming the repository, the method and the property
	 */
	public PartTreePgQuery(PgQueryMethod method, EntityStatements<?> entityStatements, ValueCodecs codecs,
			ObservedJdbc jdbc, ResultConverter results) {
		this.method = method;
		this.runner = new QueryRunner(jdbc, entityStatements.entity().tableName(),
				results.completion(entityStatements.entity().getType()));
		this.results = results;
		this.bindableCount = method.getParameters().getBindableParameters().getNumberOfParameters();
		try {
			this.tree = new PartTree(method.getName(), entityStatements.entity().getType());
			this.statements = new DerivedStatements(this.tree, method.method(), method.getParameters(),
					entityStatements, codecs);
			checkVectorSearch(method, this.statements.vectorSearch());
			this.defaultShape = this.statements.vectorSearch() == null ? defaultShape()
					: defaultShape().withMetric(VectorMetric.EUCLIDEAN);
			this.defaultQuery = this.statements.get(this.defaultShape);
			if (method.isPageQuery()) {
				this.statements.get(StatementShape.of(Kind.COUNT, 0));
			}
		}
		catch (RuntimeException ex) {
			throw QueryCreationException.create(method, method.describe() + ": " + ex.getMessage(), ex);
		}
	}

	/** The statement of the default shape, for start-up validation and tests. */
	public String defaultSql() {
		return this.defaultQuery.sql();
	}

	/**
	 * The statements PostgreSQL should parse at start-up: the default one, and the count
	 * of Page methods.
	 */
	public List<String> statementsToValidate() {
		if (this.method.isPageQuery()) {
			return List.of(this.defaultQuery.sql(), this.statements.get(StatementShape.of(Kind.COUNT, 0)).sql());
		}
		return List.of(this.defaultQuery.sql());
	}

	/**
	 * The statements of the default shape (and the count of Page methods) with their
	 * parameters, for the statement catalogue.
	 */
	public List<CatalogStatement> catalogue() {
		if (this.method.isPageQuery()) {
			return List.of(CatalogStatement.of(this.defaultQuery, this.method),
					CatalogStatement.of(this.statements.get(StatementShape.of(Kind.COUNT, 0)), this.method));
		}
		return List.of(CatalogStatement.of(this.defaultQuery, this.method));
	}

	/**
	 * How many statement shapes this method has rendered; a shape is rendered once, not
	 * per call.
	 */
	public int renderedShapes() {
		return this.statements.cachedShapes();
	}

	@Override
	public PgQueryMethod getQueryMethod() {
		return this.method;
	}

	private StatementShape defaultShape() {
		ReturnedType returned = this.method.getResultProcessor().getReturnedType();
		List<String> properties = Projections.properties(returned, this.statements.entity());
		if (this.tree.isCountProjection()) {
			return StatementShape.of(Kind.COUNT, 0);
		}
		if (this.tree.isExistsProjection()) {
			return StatementShape.of(Kind.EXISTS, 0);
		}
		if (this.tree.isDelete()) {
			return StatementShape.of(deleteReturnsRows() ? Kind.DELETE_RETURNING : Kind.DELETE, 0);
		}
		// the shape a call without nulls or a caller's sort takes, so that it is rendered
		// here, once
		boolean pageable = this.method.getParameters().hasPageableParameter();
		boolean paged = this.method.isPageQuery() || this.method.isSliceQuery() || this.method.isScrollQuery()
				|| pageable;
		boolean single = !this.method.isCollectionQuery() && !this.method.isStreamQuery() && !paged;
		boolean limit = this.tree.isLimiting() || this.method.getParameters().hasLimitParameter() || single || pageable;
		return new StatementShape(Kind.SELECT, 0, this.tree.getSort(), limit, paged, false, false, properties);
	}

	private boolean deleteReturnsRows() {
		Class<?> type = this.method.getReturnedObjectType();
		return !(type == void.class || type == Void.class || Number.class.isAssignableFrom(type) || type == int.class
				|| type == long.class);
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.method.getParameters(), parameters);
		ResultProcessor processor = this.method.getResultProcessor().withDynamicProjection(accessor);
		Object[] bindable = new Object[this.bindableCount];
		for (int i = 0; i < bindable.length; i++) {
			bindable[i] = accessor.getBindableValue(i);
		}
		ArgumentChecks.check(this.method, bindable, bindable.length);
		long nullMask = this.statements.nullMask(bindable);
		Invocation plain = new Invocation(bindable, 0, 0, Invocation.NONE);
		if (this.tree.isCountProjection()) {
			return number(this.runner.count(query(StatementShape.of(Kind.COUNT, nullMask)), plain));
		}
		if (this.tree.isExistsProjection()) {
			return this.runner.exists(query(StatementShape.of(Kind.EXISTS, nullMask)), plain);
		}
		if (this.tree.isDelete()) {
			return delete(processor, nullMask, plain);
		}
		VectorSearch search = this.statements.vectorSearch();
		if (search != null) {
			return search(search, accessor, processor, bindable, nullMask);
		}
		return select(accessor, processor, bindable, nullMask);
	}

	private void checkVectorSearch(PgQueryMethod queryMethod, @Nullable VectorSearch search) {
		if (search == null) {
			return;
		}
		boolean unsupported = this.tree.isCountProjection() || this.tree.isExistsProjection() || this.tree.isDelete()
				|| queryMethod.isPageQuery() || queryMethod.isSliceQuery() || queryMethod.isScrollQuery()
				|| queryMethod.isStreamQuery() || queryMethod.getParameters().hasPageableParameter();
		if (unsupported) {
			throw new PgQueryCreator.InvalidQueryException(search.part().getType()
					+ " searches return SearchResults<T>, List<SearchResult<T>>, a List<T> or one result, limited by"
					+ " Top/First or a Limit parameter; not a count, exists, delete, Page, Slice, Window or Stream");
		}
	}

	/**
	 * A Near / Within search: the rows nearest first, each with its distance (the last
	 * column) turned into a Score or Similarity for SearchResult(s).
	 */
	private @Nullable Object search(VectorSearch search, ParametersParameterAccessor accessor,
			ResultProcessor processor, Object[] bindable, long nullMask) {
		VectorMetric metric = search.metric(bindable);
		List<String> properties = Projections.properties(processor.getReturnedType(), this.statements.entity());
		Limit limit = limit(accessor);
		boolean searchResults = this.method.isSearchQuery();
		boolean single = !this.method.isCollectionQuery() && !searchResults;
		StatementShape shape = new StatementShape(Kind.SELECT, nullMask, this.tree.getSort().and(accessor.getSort()),
				single || limit.isLimited(), false, false, false, properties)
			.withMetric(metric);
		RowMapper<?> entities = mapper(properties);
		int distanceColumn = (properties.isEmpty() ? this.statements.entity().columns().size() : properties.size()) + 1;
		List<Double> distances = new ArrayList<>();
		RowMapper<Object> mapper = (rs, row) -> {
			Object entity = entities.mapRow(rs, row);
			distances.add(rs.getDouble(distanceColumn));
			return entity;
		};
		List<?> rows = this.runner.list(query(shape),
				new Invocation(bindable, limit.isLimited() ? limit.max() : 2, 0, Invocation.NONE), mapper);
		if (single) {
			if (rows.size() > 1) {
				throw new IncorrectResultSizeDataAccessException(this.method.describe() + " returned more than one row",
						1);
			}
			return rows.isEmpty() ? null : this.results.process(processor, rows.get(0));
		}
		List<?> content = (List<?>) this.results.process(processor, rows);
		if (!searchResults) {
			return content;
		}
		boolean similarities = search.similarities(bindable);
		List<SearchResult<Object>> scored = new ArrayList<>(content.size());
		for (int i = 0; i < content.size(); i++) {
			scored.add(new SearchResult<>(content.get(i), VectorSearch.score(metric, distances.get(i), similarities)));
		}
		return SearchResults.class.isAssignableFrom(this.method.method().getReturnType()) ? new SearchResults<>(scored)
				: scored;
	}

	private PreparedQuery query(StatementShape shape) {
		return shape.equals(this.defaultShape) ? this.defaultQuery : this.statements.get(shape);
	}

	private @Nullable Object delete(ResultProcessor processor, long nullMask, Invocation invocation) {
		if (!deleteReturnsRows()) {
			return number(this.runner.update(query(StatementShape.of(Kind.DELETE, nullMask)), invocation));
		}
		List<?> deleted = this.runner.list(query(StatementShape.of(Kind.DELETE_RETURNING, nullMask)), invocation,
				this.statements.entityStatements().reader().mapper());
		return single(this.results.process(processor, deleted));
	}

	private @Nullable Object select(ParametersParameterAccessor accessor, ResultProcessor processor, Object[] bindable,
			long nullMask) {
		List<String> properties = Projections.properties(processor.getReturnedType(), this.statements.entity());
		Sort sort = this.tree.getSort().and(accessor.getSort());
		Limit limit = limit(accessor);
		if (this.method.isScrollQuery()) {
			Window<?> window = new WindowQuery(this.statements, this.runner, this::query, this.method.describe())
				.run(accessor.getScrollPosition(), limit, sort, properties, nullMask, bindable);
			return this.results.process(processor, window);
		}
		if (this.method.isPageQuery() || this.method.isSliceQuery()) {
			return page(accessor.getPageable(), limit, sort, properties, nullMask, bindable, processor);
		}
		Pageable pageable = accessor.getPageable();
		long max = limit.isLimited() ? limit.max() : 2;
		long offset = 0;
		if (pageable.isPaged()) {
			max = limit.isLimited() ? Math.min(limit.max(), pageable.getPageSize()) : pageable.getPageSize();
			offset = pageable.getOffset();
		}
		boolean single = !this.method.isCollectionQuery() && !this.method.isStreamQuery();
		StatementShape shape = new StatementShape(Kind.SELECT, nullMask, sort,
				single || limit.isLimited() || pageable.isPaged(), pageable.isPaged(), false, false, properties);
		Invocation invocation = new Invocation(bindable, max, offset, Invocation.NONE);
		RowMapper<?> mapper = mapper(properties);
		if (this.method.isStreamQuery()) {
			return this.results.process(processor,
					this.runner.stream(query(shape), invocation, mapper, this.method.describe()));
		}
		List<?> rows = this.runner.list(query(shape), invocation, mapper);
		if (this.method.isCollectionQuery()) {
			return this.results.process(processor, rows);
		}
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(this.method.describe() + " returned more than one row", 1);
		}
		return rows.isEmpty() ? null : this.results.process(processor, rows.get(0));
	}

	private @Nullable Object page(Pageable pageable, Limit limit, Sort sort, List<String> properties, long nullMask,
			Object[] bindable, ResultProcessor processor) {
		RowMapper<?> mapper = mapper(properties);
		if (pageable.isUnpaged()) {
			StatementShape shape = new StatementShape(Kind.SELECT, nullMask, sort, limit.isLimited(), false, false,
					false, properties);
			List<?> rows = this.runner.list(query(shape),
					new Invocation(bindable, limit.isLimited() ? limit.max() : 0, 0, Invocation.NONE), mapper);
			return this.results.process(processor, this.method.isPageQuery() ? new PageImpl<>(List.copyOf(rows))
					: new SliceImpl<>(List.copyOf(rows), Pageable.unpaged(), false));
		}
		int size = limit.isLimited() ? Math.min(limit.max(), pageable.getPageSize()) : pageable.getPageSize();
		boolean slice = this.method.isSliceQuery();
		StatementShape shape = new StatementShape(Kind.SELECT, nullMask, sort, true, true, false, false, properties);
		List<?> rows = this.runner.list(query(shape),
				new Invocation(bindable, slice ? size + 1 : size, pageable.getOffset(), Invocation.NONE), mapper);
		if (slice) {
			return this.results.process(processor, QueryRunner.slice(rows, size, pageable));
		}
		Invocation counting = new Invocation(bindable, 0, 0, Invocation.NONE);
		PreparedQuery count = query(StatementShape.of(Kind.COUNT, nullMask));
		return this.results.process(processor,
				PageableExecutionUtils.getPage(rows, pageable, () -> this.runner.count(count, counting)));
	}

	private Limit limit(ParametersParameterAccessor accessor) {
		Limit limit = this.method.getParameters().hasLimitParameter() ? accessor.getLimit() : Limit.unlimited();
		if (this.tree.isLimiting()) {
			int top = this.tree.getMaxResults();
			return limit.isLimited() && limit.max() < top ? limit : Limit.of(top);
		}
		return limit;
	}

	private RowMapper<?> mapper(List<String> properties) {
		return this.statements.mapper(properties);
	}

	private @Nullable Object number(long value) {
		Class<?> type = this.method.getReturnedObjectType();
		if (type == int.class || type == Integer.class) {
			return Math.toIntExact(value);
		}
		if (type == void.class || type == Void.class) {
			return null;
		}
		return value;
	}

	private @Nullable Object single(Object processed) {
		if (this.method.isCollectionQuery() || !(processed instanceof List<?> list)) {
			return processed;
		}
		if (list.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(this.method.describe() + " deleted more than one row", 1);
		}
		return list.isEmpty() ? null : list.get(0);
	}

}
