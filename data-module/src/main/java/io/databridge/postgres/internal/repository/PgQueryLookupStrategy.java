package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.core.PgTemplate;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

/**
 * Resolves repository query methods when the repository is created, so a method that cannot be
 * turned into SQL fails the application start naming the method.
 */
final class PgQueryLookupStrategy implements QueryLookupStrategy {

	private final PgTemplate template;

	PgQueryLookupStrategy(PgTemplate template) {
		this.template = template;
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		if (method.isAnnotationPresent(BulkInsert.class)) {
			return new BulkInsertRepositoryQuery(method, metadata, factory, this.template);
		}
		QueryMethod queryMethod = new QueryMethod(method, metadata, factory, null);
		throw QueryCreationException.create(queryMethod, "query methods are not supported by this version of "
				+ "data-bridge (template " + this.template.getClass().getSimpleName() + ")");
	}
}
