package io.databridge.postgres.observation;

import java.time.Duration;
import java.util.Map;

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

	private String path = "unknown";

	private int partitions;

	private Map<String, Duration> phases = Map.of();

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

	/**
	 * How the load ran, once done: {@code single} (one COPY), {@code pipelined} (one COPY
	 * fed while encoding), {@code joined} (in the caller's transaction),
	 * {@code two-phase}, {@code staged} or {@code per-partition}; {@code unknown} when it
	 * failed before choosing.
	 */
	public String getPath() {
		return this.path;
	}

	/** Sets how the load ran. */
	public void setPath(String path) {
		this.path = path;
	}

	/** The partitions (pooled connections) the load streamed over, once done. */
	public int getPartitions() {
		return this.partitions;
	}

	/** Sets the partitions the load streamed over. */
	public void setPartitions(int partitions) {
		this.partitions = partitions;
	}

	/**
	 * The duration of each phase of the load, in the order they ran, once done: e.g.
	 * {@code copy}; {@code copy-and-prepare}, {@code decide}, {@code commit} for
	 * two-phase loads; {@code copy}, {@code move} for staged ones.
	 */
	public Map<String, Duration> getPhases() {
		return this.phases;
	}

	/** Sets the duration of each phase. */
	public void setPhases(Map<String, Duration> phases) {
		this.phases = Map.copyOf(phases).isEmpty() ? Map.of()
				: java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
	}

	/** {@code success}, or {@code error} once an error was recorded. */
	public String getOutcome() {
		@Nullable Throwable error = getError();
		return (error != null) ? "error" : "success";
	}

}
