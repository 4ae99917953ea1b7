package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;
import java.util.List;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.repository.query.PartTreePgQuery;
import io.databridge.postgres.internal.repository.query.PgQueryMethod;
import io.databridge.postgres.internal.repository.query.QueryValidator;
import io.databridge.postgres.internal.repository.query.ResultConverter;
import io.databridge.postgres.internal.repository.query.RowCompletion;
import io.databridge.postgres.internal.repository.query.StringBasedPgQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Resolves repository query methods when the repository is created, by the configured
 * {@link QueryLookupStrategy.Key}:
 * <ul>
 * <li>{@code CREATE_IF_NOT_FOUND} (the default): the method's declared SQL when it has
 * one, else a query derived from its name;</li>
 * <li>{@code USE_DECLARED_QUERY}: the declared SQL, and a method without one fails the
 * start;</li>
 * <li>{@code CREATE}: always derived from the name, declared SQL ignored.</li>
 * </ul>
 * Declared SQL is the {@code @Query} value, else the named query of the method
 * ({@code Entity.method}) in {@code META-INF/pg-named-queries.properties} or the
 * configured {@code namedQueriesLocation}. It becomes a {@link StringBasedPgQuery}, whose
 * {@code :#{…}} value expressions are evaluated through Spring Data's
 * {@link ValueExpressionDelegate}; a derived one a {@link PartTreePgQuery}. Both validate
 * the method then, and with {@code validateQueries} PostgreSQL parses their statements
 * too, so a method that cannot run fails the application start naming it.
 */
final class PgQueryLookupStrategy implements QueryLookupStrategy {

	private final PgTemplate template;

	private final RepositorySupport support;

	private final JdbcTemplate jdbc;

	private final Key key;

	private final ValueExpressionDelegate expressions;

	private final boolean validateQueries;

	private final ResultConverter results;

	private final RepositoryCatalogue catalogue;

	PgQueryLookupStrategy(PgTemplate template, @Nullable Key key, ValueExpressionDelegate expressions,
			boolean validateQueries, RepositoryCatalogue catalogue) {
		this.catalogue = catalogue;
		this.template = template;
		this.support = template.unwrap(RepositorySupport.class);
		this.jdbc = this.support.jdbc();
		this.key = key != null ? key : Key.CREATE_IF_NOT_FOUND;
		this.expressions = expressions;
		this.validateQueries = validateQueries;
		this.results = new ResultConverter(this.support.mappingContext(), type -> RowCompletion.of(type, this.support));
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		if (method.isAnnotationPresent(BulkInsert.class)) {
			RepositoryQuery bulk = new BulkInsertRepositoryQuery(method, metadata, factory, this.template);
			this.catalogue.query(metadata, this.support.statements(metadata.getDomainType()), method, bulk);
			return bulk;
		}
		PgQueryMethod queryMethod = new PgQueryMethod(method, metadata, factory);
		EntityStatements<?> statements = this.support.statements(metadata.getDomainType());
		String declared = this.key != Key.CREATE ? declaredQuery(queryMethod, namedQueries) : null;
		List<String> sql;
		RepositoryQuery query;
		if (declared != null) {
			StringBasedPgQuery stringQuery = new StringBasedPgQuery(queryMethod, declared, statements,
					this.support.codecs(), this.support.observed(), this.results, this.expressions);
			sql = queryMethod.isPageQuery() ? List.of(stringQuery.sql(), stringQuery.countSql())
					: List.of(stringQuery.sql());
			query = stringQuery;
		}
		else if (this.key == Key.USE_DECLARED_QUERY) {
			throw QueryCreationException.create(queryMethod,
					queryMethod.describe() + " has neither a @Query nor a named query '"
							+ queryMethod.getNamedQueryName() + "', and the query lookup strategy is "
							+ Key.USE_DECLARED_QUERY);
		}
		else {
			PartTreePgQuery derived = new PartTreePgQuery(queryMethod, statements, this.support.codecs(),
					this.support.observed(), this.results);
			sql = derived.statementsToValidate();
			query = derived;
		}
		if (this.validateQueries) {
			new QueryValidator(this.jdbc).validate(queryMethod, sql, statements.entity());
		}
		this.catalogue.query(metadata, statements, method, query);
		return query;
	}

	private static @Nullable String declaredQuery(PgQueryMethod method, NamedQueries namedQueries) {
		String annotated = method.declaredQuery();
		if (annotated != null) {
			return annotated;
		}
		String name = method.getNamedQueryName();
		return namedQueries.hasQuery(name) ? namedQueries.getQuery(name) : null;
	}

}
