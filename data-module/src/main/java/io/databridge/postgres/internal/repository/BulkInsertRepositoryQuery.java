package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.RepositorySupport;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.util.Assert;

/**
 * A repository method annotated with {@link BulkInsert}: its one argument (a
 * {@code Collection}, {@code List}, {@code Iterable} or {@code Stream} of the
 * repository's entities) goes to the template's bulk inserter. The method's shape and its
 * conflict target are checked when the repository is created, failing with a
 * {@link QueryCreationException} naming the method. Immutable and thread-safe.
 */
final class BulkInsertRepositoryQuery implements RepositoryQuery {

	private enum Result {

		LONG, INT, VOID, IDS

	}

	private final QueryMethod queryMethod;

	private final PgTemplate template;

	private final Class<?> domainType;

	private final BulkOptions options;

	private final Result result;

	BulkInsertRepositoryQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			PgTemplate template) {
		this.queryMethod = new QueryMethod(method, metadata, factory, null);
		this.template = template;
		this.domainType = metadata.getDomainType();
		BulkInsert annotation = AnnotatedElementUtils.findMergedAnnotation(method, BulkInsert.class);
		Assert.state(annotation != null, "Not a @BulkInsert method");
		try {
			this.options = BulkOptions.of(annotation);
			for (String property : this.options.conflictTarget()) {
				template.unwrap(RepositorySupport.class)
					.mappingContext()
					.entity(this.domainType)
					.requireProperty(property);
			}
		}
		catch (IllegalArgumentException | InvalidDataAccessApiUsageException ex) {
			throw QueryCreationException.create(this.queryMethod,
					"@BulkInsert method " + method.getName() + ": " + ex.getMessage());
		}
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length != 1
				|| !(Iterable.class.isAssignableFrom(parameters[0]) || Stream.class.isAssignableFrom(parameters[0]))) {
			throw QueryCreationException.create(this.queryMethod, "@BulkInsert method " + method.getName()
					+ " must take one Collection, List, Iterable or Stream of entities");
		}
		this.result = result(method.getReturnType());
		if (this.result == null) {
			throw QueryCreationException.create(this.queryMethod, "@BulkInsert method " + method.getName()
					+ " must return long, int, void or a List of ids, not " + method.getReturnType());
		}
	}

	private static @Nullable Result result(Class<?> type) {
		if (type == long.class || type == Long.class) {
			return Result.LONG;
		}
		if (type == int.class || type == Integer.class) {
			return Result.INT;
		}
		if (type == void.class || type == Void.class) {
			return Result.VOID;
		}
		if (type == List.class || type == Collection.class || type == Iterable.class) {
			return Result.IDS;
		}
		return null;
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		Object input = parameters[0];
		if (input == null) {
			throw new IllegalArgumentException("The entities of " + this.queryMethod + " must not be null");
		}
		Iterable<?> rows = input instanceof Stream<?> stream ? onePass(stream) : (Iterable<?>) input;
		return switch (this.result) {
			case LONG -> insert(this.domainType, rows);
			case INT -> Math.toIntExact(insert(this.domainType, rows));
			case VOID -> {
				insert(this.domainType, rows);
				yield null;
			}
			case IDS -> insertReturningIds(this.domainType, rows);
		};
	}

	private static Iterable<Object> onePass(Stream<?> stream) {
		Iterator<?> rows = stream.iterator();
		return () -> {
			@SuppressWarnings("unchecked")
			Iterator<Object> all = (Iterator<Object>) rows;
			return all;
		};
	}

	@SuppressWarnings("unchecked")
	private <T> long insert(Class<T> type, Iterable<?> rows) {
		return this.template.insertAll((Iterable<? extends T>) rows, type, this.options);
	}

	@SuppressWarnings("unchecked")
	private <T> List<Object> insertReturningIds(Class<T> type, Iterable<?> rows) {
		return this.template.insertAllReturningIds((Iterable<? extends T>) rows, type, this.options);
	}

	@Override
	public QueryMethod getQueryMethod() {
		return this.queryMethod;
	}

}
