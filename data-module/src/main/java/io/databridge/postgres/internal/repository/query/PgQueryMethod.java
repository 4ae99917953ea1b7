package io.databridge.postgres.internal.repository.query;

import java.lang.reflect.Method;

import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.Query;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.util.StringUtils;

/**
 * A repository query method as data-bridge sees it: Spring Data's metadata plus its
 * {@link Query @Query} SQL and {@link Modifying @Modifying} flag. Immutable.
 */
public final class PgQueryMethod extends QueryMethod {

	private final Method method;

	private final Class<?> repositoryInterface;

	private final @Nullable String declaredQuery;

	private final boolean modifying;

	/** Reads the metadata of a repository method. */
	public PgQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory) {
		super(method, metadata, factory);
		this.method = method;
		this.repositoryInterface = metadata.getRepositoryInterface();
		Query query = AnnotatedElementUtils.findMergedAnnotation(method, Query.class);
		this.declaredQuery = query != null && StringUtils.hasText(query.value()) ? query.value() : null;
		this.modifying = AnnotatedElementUtils.hasAnnotation(method, Modifying.class);
	}

	/** The {@code @Query} SQL, or {@code null} for a derived query. */
	public @Nullable String declaredQuery() {
		return this.declaredQuery;
	}

	/** The Java method. */
	public Method method() {
		return this.method;
	}

	/** {@code Repository.method} for messages. */
	public String describe() {
		return this.repositoryInterface.getName() + "." + this.method.getName();
	}

	@Override
	public boolean isModifyingQuery() {
		return this.modifying;
	}

}
