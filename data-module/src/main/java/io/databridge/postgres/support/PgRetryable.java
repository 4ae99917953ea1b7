package io.databridge.postgres.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.resilience.annotation.Retryable;

/**
 * Retries a whole {@code @Transactional} method after a transient PostgreSQL failure (as
 * {@link PgTransientFailures} classifies it), with exponential backoff and jitter: by
 * default up to 5 retries, 50 ms ± 25 ms before the first, each delay doubled up to 2 s.
 * It is Spring Framework's {@link Retryable} with {@link PgTransientFailures} as its
 * predicate; Spring's retry advice is applied outside the transaction advice, so every
 * attempt is a new transaction. Needs {@code @EnableResilientMethods} (or
 * {@code databridge.pg.retry.enabled=true}). A failure inside an enclosing transaction
 * and a {@link CommitOutcomeUnknownException} are never retried; the last failure is
 * thrown as it is when the retries are used up.
 *
 * <pre>{@code
 * &#64;PgRetryable
 * &#64;Transactional(isolation = Isolation.SERIALIZABLE)
 * public void transfer(long from, long to, BigDecimal amount) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(predicate = PgTransientFailures.class)
public @interface PgRetryable {

	/**
	 * Retries after the first attempt.
	 * @return the maximum number of retries
	 */
	@AliasFor(annotation = Retryable.class, attribute = "maxRetries")
	long maxRetries() default 5;

	/**
	 * Milliseconds before the first retry.
	 * @return the initial delay
	 */
	@AliasFor(annotation = Retryable.class, attribute = "delay")
	long delay() default 50;

	/**
	 * Milliseconds of random jitter added to or taken from each delay.
	 * @return the jitter
	 */
	@AliasFor(annotation = Retryable.class, attribute = "jitter")
	long jitter() default 25;

	/**
	 * Factor each further delay grows by.
	 * @return the multiplier
	 */
	@AliasFor(annotation = Retryable.class, attribute = "multiplier")
	double multiplier() default 2;

	/**
	 * Milliseconds of the longest delay.
	 * @return the maximum delay
	 */
	@AliasFor(annotation = Retryable.class, attribute = "maxDelay")
	long maxDelay() default 2000;

}
