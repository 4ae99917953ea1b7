package io.databridge.postgres.internal.bulk;

/**
 * Stops a partition because another party of the same insert failed; the other party's
 * exception is the one the caller sees.
 */
final class BulkAbortedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BulkAbortedException() {
		super("aborted because another partition failed", null, false, false);
	}

}
