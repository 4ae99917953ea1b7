package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;
import java.util.List;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.repository.query.PartTreePgQuery;
import io.databridge.postgres.internal.repository.query.PgQueryMethod;
import io.databridge.postgres.internal.repository.query.QueryValidator;
import io.databridge.postgres.internal.repository.query.ResultConverter;
import io.databridge.postgres.internal.repository.query.StringBasedPgQuery;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Resolves repository query methods when the repository is created: a {@code @Query}
 * method becomes a {@link StringBasedPgQuery}, any other a derived
 * {@link PartTreePgQuery}. Both validate the method then, and with
 * {@code validateQueries} PostgreSQL parses their statements too, so a method that cannot
 * run fails the application start naming it.
 */
final class PgQueryLookupStrategy implements QueryLookupStrategy {

	private final PgTemplate template;

	private final JdbcTemplate jdbc;

	private final boolean validateQueries;

	private final ResultConverter results;

	PgQueryLookupStrategy(PgTemplate template, boolean validateQueries) {
		this.template = template;
		this.jdbc = (JdbcTemplate) template.getJdbcOperations();
		this.validateQueries = validateQueries;
		this.results = new ResultConverter(template.getMappingContext(), template::rowCompletion);
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		if (method.isAnnotationPresent(BulkInsert.class)) {
			return new BulkInsertRepositoryQuery(method, metadata, factory, this.template);
		}
		PgQueryMethod queryMethod = new PgQueryMethod(method, metadata, factory);
		EntityStatements<?> statements = this.template.statements(metadata.getDomainType());
		List<String> sql;
		RepositoryQuery query;
		if (queryMethod.declaredQuery() != null) {
			StringBasedPgQuery stringQuery = new StringBasedPgQuery(queryMethod, statements, this.template.getCodecs(),
					this.jdbc, this.results);
			sql = queryMethod.isPageQuery() ? List.of(stringQuery.sql(), stringQuery.countSql())
					: List.of(stringQuery.sql());
			query = stringQuery;
		}
		else {
			PartTreePgQuery derived = new PartTreePgQuery(queryMethod, statements, this.template.getCodecs(), this.jdbc,
					this.results);
			sql = derived.statementsToValidate();
			query = derived;
		}
		if (this.validateQueries) {
			new QueryValidator(this.jdbc).validate(queryMethod, sql, statements.entity());
		}
		return query;
	}

}
