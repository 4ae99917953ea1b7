package io.databridge.postgres.support;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells which failures a whole transaction may be retried after: PostgreSQL's
 * serialization failure ({@code 40001}), deadlock ({@code 40P01}), and a connection that
 * could not be had, so that no statement of the transaction was sent
 * ({@link CannotGetJdbcConnectionException}).
 *
 * <p>
 * Never retried:
 * <ul>
 * <li>a {@link CommitOutcomeUnknownException}, whose transaction may have committed;</li>
 * <li>any failure seen while a transaction is still active on the thread: the failure
 * then belongs to a statement inside an enclosing transaction, which PostgreSQL has
 * aborted, and only the whole transaction can be retried;</li>
 * <li>everything else (constraint violations, bad SQL, timeouts, connections lost
 * mid-transaction).</li>
 * </ul>
 * Use it as {@code @Retryable(predicate = PgTransientFailures.class)} (or through
 * {@link PgRetryable}) on a {@code @Transactional} method, or with a
 * {@link org.springframework.core.retry.RetryTemplate} built on {@link #retryPolicy}
 * around a {@code TransactionTemplate}. Thread-safe and stateless.
 */
public class PgTransientFailures implements MethodRetryPredicate {

	/** SQLStates whose transaction can be retried as a whole. */
	private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

	/** Creates the classifier. */
	public PgTransientFailures() {
	}

	/**
	 * Whether the transaction that failed with this exception may be run again.
	 * @param failure the failure, as the caller sees it
	 * @return {@code true} for a serialization failure, a deadlock or a connection that
	 * could not be had, outside any active transaction
	 */
	public boolean isTransient(@Nullable Throwable failure) {
		if (failure == null || TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof CommitOutcomeUnknownException) {
				return false;
			}
			if (current instanceof CannotGetJdbcConnectionException) {
				return true;
			}
			if (current instanceof SQLException sql && sql.getSQLState() != null
					&& RETRYABLE_STATES.contains(sql.getSQLState())) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	@Override
	public boolean shouldRetry(Method method, Throwable throwable) {
		return isTransient(throwable);
	}

	/**
	 * A retry policy on this classifier with exponential backoff and jitter, for a
	 * {@link org.springframework.core.retry.RetryTemplate}.
	 * @param maxRetries retries after the first attempt
	 * @param delay the delay before the first retry
	 * @param jitter the random part added to or taken from each delay
	 * @param multiplier the factor each further delay grows by
	 * @param maxDelay the longest delay
	 * @return the policy
	 */
	public RetryPolicy retryPolicy(long maxRetries, Duration delay, Duration jitter, double multiplier,
			Duration maxDelay) {
		return RetryPolicy.builder()
			.predicate(this::isTransient)
			.maxRetries(maxRetries)
			.delay(delay)
			.jitter(jitter)
			.multiplier(multiplier)
			.maxDelay(maxDelay)
			.build();
	}

}
