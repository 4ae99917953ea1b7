package io.databridge.postgres.bulk;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * The input of a bulk insert failed: its iterator or stream threw, or an entity could not
 * be encoded. Like every other failure of an all-or-nothing insert, nothing was written;
 * the cause is the original exception.
 */
public class BulkInputException extends NonTransientDataAccessException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what failed, naming the table and the row
	 * @param cause the input's exception
	 */
	public BulkInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
