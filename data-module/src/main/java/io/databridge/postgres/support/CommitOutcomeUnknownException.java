package io.databridge.postgres.support;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The connection failed after {@code COMMIT} was sent and before the server answered, so
 * the transaction may have committed or not: the caller must find out (for example by
 * reading back what it wrote, or through an idempotency key) before doing it again.
 *
 * <p>
 * It is never a rollback: code that catches it must not assume the writes are gone, and
 * {@link PgTransientFailures} never retries it. A commit that the server answered with an
 * error (a serialization failure, a deferred constraint) is a known rollback and raises
 * the translated {@code DataAccessException} instead; so does a commit on a connection
 * that was already closed, as {@code COMMIT} was then never sent.
 */
public class CommitOutcomeUnknownException extends DataAccessResourceFailureException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was committed and why the outcome is unknown
	 * @param cause the connection failure
	 */
	public CommitOutcomeUnknownException(String message, Throwable cause) {
		super(message, cause);
	}

}
