package io.databridge.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for every controller: bad input (an unknown sort property, a missing
 * field, a NUL character or a lone surrogate in a name, an out-of-range count, a value
 * the column cannot hold) answers 400, a duplicate e-mail 409, and any other database
 * failure 500 with a generic detail; stack traces never reach the client.
 */
@RestControllerAdvice
public class ApiErrors {

	private static final Log logger = LogFactory.getLog(ApiErrors.class);

	/** Bad input: 400 with what was wrong. */
	@ExceptionHandler({ InvalidDataAccessApiUsageException.class, IllegalArgumentException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** A second user with the same e-mail: 409. */
	@ExceptionHandler(DuplicateKeyException.class)
	ProblemDetail conflict(DuplicateKeyException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A user with this e-mail already exists");
	}

	/**
	 * A value the database refused (too long, out of range, NULL): 400, with the first
	 * line of the database's reason and no SQL.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("invalid value");
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The database refused a value: " + reason);
	}

	/** Any other database failure: 500, logged, without details for the client. */
	@ExceptionHandler(DataAccessException.class)
	ProblemDetail serverError(DataAccessException ex) {
		logger.error("Database failure", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The database failed; try again later");
	}

}
