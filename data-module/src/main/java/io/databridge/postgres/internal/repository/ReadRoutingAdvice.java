package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.BulkInsert;
import io.databridge.postgres.internal.routing.RouteIntent;
import io.databridge.postgres.repository.Modifying;
import io.databridge.postgres.repository.Query;
import io.databridge.postgres.routing.PrimaryRead;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * States the read-routing intent of each repository method, when the repository's
 * DataSource is a {@link ReadRoutingDataSource}: reads ({@code find…}, {@code read…},
 * {@code get…}, {@code query…}, {@code search…}, {@code stream…}, {@code count…},
 * {@code exists…} and {@code @Query} methods without {@code @Modifying}) may go to a
 * replica; {@code @BulkInsert} and {@link PrimaryRead @PrimaryRead} methods go to the
 * primary; everything else states nothing, so it goes to the primary. The intent of each
 * method is worked out once and cached. A read outside a transaction that lost its
 * replica connection is retried once, after that replica left the rotation.
 */
final class ReadRoutingAdvice implements RepositoryProxyPostProcessor {

	private static final Set<String> READ_PREFIXES = Set.of("find", "read", "get", "query", "search", "stream", "count",
			"exists");

	private final ReadRoutingDataSource routing;

	private ReadRoutingAdvice(ReadRoutingDataSource routing) {
		this.routing = routing;
	}

	/** Adds the advice to the factory when the DataSource routes reads. */
	static void register(PgRepositoryFactory factory, @Nullable DataSource dataSource) {
		ReadRoutingDataSource routing = routing(dataSource);
		if (routing != null) {
			factory.addRepositoryProxyPostProcessor(new ReadRoutingAdvice(routing));
		}
	}

	private static @Nullable ReadRoutingDataSource routing(@Nullable DataSource dataSource) {
		try {
			return (dataSource != null && dataSource.isWrapperFor(ReadRoutingDataSource.class))
					? dataSource.unwrap(ReadRoutingDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation information) {
		factory.addAdvice(new Interceptor(information.getRepositoryInterface(), this.routing));
	}

	/** The SQLException of a lost connection in a failure's causes, or {@code null}. */
	static @Nullable SQLException lostConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return sql;
			}
		}
		return null;
	}

	static RouteIntent intentOf(Method method, Class<?> repositoryInterface) {
		if (method.getDeclaringClass() == Object.class) {
			return RouteIntent.NONE;
		}
		if (AnnotatedElementUtils.hasAnnotation(method, PrimaryRead.class)
				|| AnnotatedElementUtils.hasAnnotation(repositoryInterface, PrimaryRead.class)
				|| method.isAnnotationPresent(BulkInsert.class)) {
			return RouteIntent.PRIMARY;
		}
		if (AnnotatedElementUtils.hasAnnotation(method, Modifying.class)) {
			return RouteIntent.NONE;
		}
		if (AnnotatedElementUtils.hasAnnotation(method, Query.class) || isReadName(method.getName())) {
			return RouteIntent.READ;
		}
		return RouteIntent.NONE;
	}

	private static boolean isReadName(String name) {
		for (String prefix : READ_PREFIXES) {
			if (name.startsWith(prefix)
					&& (name.length() == prefix.length() || !Character.isLowerCase(name.charAt(prefix.length())))) {
				return true;
			}
		}
		return false;
	}

	private static final class Interceptor implements MethodInterceptor {

		private final Class<?> repositoryInterface;

		private final ReadRoutingDataSource routing;

		private final Map<Method, RouteIntent> intents = new ConcurrentHashMap<>();

		Interceptor(Class<?> repositoryInterface, ReadRoutingDataSource routing) {
			this.repositoryInterface = repositoryInterface;
			this.routing = routing;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			RouteIntent intent = this.intents.computeIfAbsent(invocation.getMethod(),
					method -> intentOf(method, this.repositoryInterface));
			if (intent == RouteIntent.NONE) {
				return invocation.proceed();
			}
			RouteIntent previous = intent.enter();
			try {
				if (intent == RouteIntent.READ && RouteIntent.current() == RouteIntent.READ
						&& !TransactionSynchronizationManager.isActualTransactionActive()
						&& invocation instanceof ProxyMethodInvocation proxied) {
					return readOnce(proxied);
				}
				return invocation.proceed();
			}
			finally {
				RouteIntent.restore(previous);
			}
		}

		/**
		 * A read outside a transaction whose replica connection was lost (the replica
		 * went down between two probes) is retried once, after that replica left the
		 * rotation: a single read is safe to repeat.
		 */
		private @Nullable Object readOnce(ProxyMethodInvocation invocation) throws Throwable {
			MethodInvocation retry = invocation.invocableClone();
			try {
				return invocation.proceed();
			}
			catch (DataAccessException ex) {
				SQLException lost = lostConnection(ex);
				if (lost == null) {
					throw ex;
				}
				this.routing.replicaConnectionLost(lost);
				return retry.proceed();
			}
		}

	}

}
