package io.databridge.postgres.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one bulk insert knows: table, atomicity mode and, once done, the
 * rows written and the bytes of COPY data sent. Not thread-safe; one per observed load.
 */
public class PgBulkContext extends Observation.Context {

	private final String table;

	private final String atomicity;

	private long rows;

	private long bytes;

	/**
	 * Creates the context of one load.
	 * @param table the target table
	 * @param atomicity the load's atomicity mode
	 */
	public PgBulkContext(String table, String atomicity) {
		this.table = table;
		this.atomicity = atomicity;
	}

	/** The target table. */
	public String getTable() {
		return this.table;
	}

	/** The atomicity mode. */
	public String getAtomicity() {
		return this.atomicity;
	}

	/** Rows written, once the load is done. */
	public long getRows() {
		return this.rows;
	}

	/** Sets the rows written. */
	public void setRows(long rows) {
		this.rows = rows;
	}

	/**
	 * Bytes of COPY data sent (binary rows with header and trailer), once the load is
	 * done.
	 */
	public long getBytes() {
		return this.bytes;
	}

	/** Sets the bytes of COPY data sent. */
	public void setBytes(long bytes) {
		this.bytes = bytes;
	}

	/** {@code success}, or {@code error} once an error was recorded. */
	public String getOutcome() {
		@Nullable Throwable error = getError();
		return (error != null) ? "error" : "success";
	}

}
