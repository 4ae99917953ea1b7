package io.databridge.postgres.autoconfigure;

import java.sql.SQLException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;
import org.springframework.resilience.retry.MethodRetryEvent;

/**
 * Counts retries in the Micrometer counter {@code databridge.pg.retries}, tagged with
 * {@code reason} (the SQLState, or the exception's simple name when there is none) and
 * {@code source} ({@code method} for {@code @Retryable}/{@code @PgRetryable} methods,
 * {@code template} for {@code pgRetryTemplate}). A retry that was not made (the failure
 * was not transient, or the retries were used up) is not counted.
 */
public class PgRetryMetrics implements RetryListener, ApplicationListener<MethodRetryEvent> {

	/** The counter's name. */
	public static final String METER = "databridge.pg.retries";

	private final ObjectProvider<MeterRegistry> registry;

	PgRetryMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(MethodRetryEvent event) {
		if (!event.isRetryAborted()) {
			count("method", event.getFailure());
		}
	}

	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
		count("template", retryState.getLastException());
	}

	private void count(String source, Throwable failure) {
		MeterRegistry meters = this.registry.getIfUnique();
		if (meters != null) {
			Counter.builder(METER)
				.description("Transactions retried after a transient failure")
				.tag("source", source)
				.tag("reason", reason(failure))
				.register(meters)
				.increment();
		}
	}

	private static String reason(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return failure.getClass().getSimpleName();
	}

}
