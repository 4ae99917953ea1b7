package io.databridge.postgres.internal.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.convert.VectorMetric;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.SortRenderer;
import io.databridge.postgres.internal.sql.RenderedSql;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.CriteriaNode.Path;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.query.Update;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Builds the statements of criteria queries for one entity at a time: each call resolves
 * the criteria against the mapping, checks its values and builds an {@code Sql} tree
 * whose placeholders are named by position, so the tree is the statement's shape and
 * holds no value. The text is rendered once per shape and kept in a bounded cache keyed
 * by that tree; only trees that passed resolution reach the cache, so unknown names
 * cannot grow it.
 *
 * <p>
 * Thread-safe; one instance per {@code PgTemplate}.
 */
public final class CriteriaStatements {

	private static final int CACHE_LIMIT = 1024;

	private final ValueCodecs codecs;

	private final Map<Sql.Statement, RenderedSql> rendered = new ConcurrentHashMap<>();

	/** Creates the statement builder over the template's codecs. */
	public CriteriaStatements(ValueCodecs codecs) {
		this.codecs = codecs;
	}

	/**
	 * The SELECT of a query.
	 * @param statements the entity's statements
	 * @param query the query
	 * @return the statement and its values
	 * @throws InvalidDataAccessApiUsageException for unknown properties or unsupported
	 * operators
	 * @throws IllegalArgumentException for values of the wrong type
	 */
	public PreparedSql select(EntityStatements<?> statements, Query query) {
		Bindings bindings = new Bindings();
		Sql.Select select = statements.selectAll().where(where(statements, query.criteria(), bindings));
		if (!query.columns().isEmpty()) {
			select = select.columns(columns(statements, query.columns()));
		}
		select = select.orderBy(order(statements, query, bindings));
		Sql.Expression limit = query.limit() == null ? null
				: bindings.add(query.limit(), (ps, i, v) -> ps.setInt(i, (Integer) v));
		Sql.Expression offset = query.offset() == 0 ? null
				: bindings.add(query.offset(), (ps, i, v) -> ps.setLong(i, (Long) v));
		return prepare(select.limitOffset(limit, offset), bindings);
	}

	/**
	 * The ORDER BY: the nearest first when the query orders by a vector distance, then
	 * its sort.
	 */
	private List<Sql.OrderBy> order(EntityStatements<?> statements, Query query, Bindings bindings) {
		List<Sql.OrderBy> sort = SortRenderer.orderBy(statements.entity(), query.sort());
		Query.Nearest nearest = query.nearest();
		if (nearest == null) {
			return sort;
		}
		Target target = resolver(statements).resolve(nearest.path());
		Sql.Expression distance = new PredicateTranslator(bindings).distance(target,
				io.databridge.postgres.query.Operator.NEAR, nearest.vector(), VectorMetric.of(nearest.function()));
		List<Sql.OrderBy> order = new ArrayList<>();
		order.add(Sql.OrderBy.asc(distance));
		order.addAll(sort);
		return order;
	}

	/** {@code SELECT count(*)} of the rows that match. */
	public PreparedSql count(EntityStatements<?> statements, Criteria criteria) {
		Bindings bindings = new Bindings();
		Sql.Select select = Sql.Select.of(List.of(new Sql.FunctionCall("count", List.of(new Sql.Star()))),
				statements.table());
		return prepare(select.where(where(statements, criteria, bindings)), bindings);
	}

	/** {@code SELECT 1 ... LIMIT 1} of the rows that match. */
	public PreparedSql exists(EntityStatements<?> statements, Criteria criteria) {
		Bindings bindings = new Bindings();
		Sql.Select select = Sql.Select.of(List.of(new Sql.Literal(1)), statements.table())
			.limitOffset(new Sql.Literal(1), null);
		return prepare(select.where(where(statements, criteria, bindings)), bindings);
	}

	/** {@code DELETE} of the rows that match. */
	public PreparedSql delete(EntityStatements<?> statements, Criteria criteria) {
		Bindings bindings = new Bindings();
		return prepare(new Sql.Delete(statements.table(), where(statements, criteria, bindings), List.of()), bindings);
	}

	/**
	 * {@code UPDATE} of the rows that match.
	 * @throws InvalidDataAccessApiUsageException when the update assigns nothing
	 */
	public PreparedSql update(EntityStatements<?> statements, Criteria criteria, Update update) {
		if (update.assignments().isEmpty()) {
			throw new InvalidDataAccessApiUsageException(
					"Update of " + statements.entity().getType().getSimpleName() + " assigns no property");
		}
		Bindings bindings = new Bindings();
		TargetResolver resolver = resolver(statements);
		List<Sql.Assignment> assignments = new ArrayList<>();
		for (Update.Assignment assignment : update.assignments()) {
			assignments.add(UpdateTranslator.assignment(resolver.resolve(assignment.path()), assignment, bindings,
					this.codecs));
		}
		Sql.Condition where = where(statements, criteria, bindings);
		return prepare(new Sql.Update(statements.table(), assignments, where, List.of()), bindings);
	}

	private TargetResolver resolver(EntityStatements<?> statements) {
		return new TargetResolver(statements.entity(), this.codecs);
	}

	private Sql.@Nullable Condition where(EntityStatements<?> statements, Criteria criteria, Bindings bindings) {
		if (criteria.isEmpty()) {
			return null;
		}
		return new ConditionTranslator(resolver(statements), bindings).translate(criteria.root());
	}

	private List<Sql.Column> columns(EntityStatements<?> statements, List<Path> paths) {
		TargetResolver resolver = resolver(statements);
		List<Sql.Column> columns = new ArrayList<>(paths.size());
		for (Path path : paths) {
			Target target = resolver.resolve(path);
			if (target.kind() == Target.Kind.JSON_PATH) {
				throw new InvalidDataAccessApiUsageException(
						"Cannot select '" + target.name() + "': queries select whole properties");
			}
			columns.add(target.column());
		}
		return columns;
	}

	private PreparedSql prepare(Sql.Statement statement, Bindings bindings) {
		RenderedSql sql = this.rendered.get(statement);
		if (sql == null) {
			sql = SqlRenderer.render(statement);
			if (this.rendered.size() >= CACHE_LIMIT) {
				this.rendered.clear();
			}
			this.rendered.put(statement, sql);
		}
		return bindings.prepare(sql);
	}

	/** The number of shapes whose text is cached (for tests). */
	public int cachedShapes() {
		return this.rendered.size();
	}

}
