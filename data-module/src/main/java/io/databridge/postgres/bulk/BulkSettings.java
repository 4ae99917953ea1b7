package io.databridge.postgres.bulk;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Defaults for bulk inserts, bound from {@code databridge.pg.bulk.*}. A plain JavaBean:
 * set it up before handing it to
 * {@link io.databridge.postgres.core.PgTemplate#setBulkSettings}; the template copies it,
 * so later changes have no effect.
 */
public class BulkSettings {

	/**
	 * Maximum number of partitions (pooled connections) one bulk insert streams over
	 * concurrently. The default, 2, was the fastest setting on the benchmark machine (2
	 * cores shared by client and server; the figures are in the README's "Choosing
	 * parallelism"); more partitions than the server has cores only make its backends
	 * contend.
	 */
	private int parallelism = 2;

	/**
	 * Row count from which a bulk insert runs in parallel; below it one COPY runs on one
	 * connection.
	 */
	private int parallelThreshold = 50;

	/** Size in bytes of one encoded chunk handed from the reader to a partition. */
	private int chunkBytes = 64 * 1024;

	/**
	 * Number of encoded chunks in flight per insert. Bounds the memory of a streamed
	 * insert: at most twice this many chunks are held, those read ahead to see whether
	 * the load fits one COPY, and those queued for the partitions.
	 */
	private int bufferedChunks = 16;

	/**
	 * The atomicity of inserts that ask for {@link Atomicity#DEFAULT}: one transaction
	 * ({@link Atomicity#ATOMIC}) unless changed.
	 */
	private Atomicity atomicity = Atomicity.ATOMIC;

	/**
	 * How often in-doubt recovery runs again while prepared transactions of two-phase
	 * loads ({@link Atomicity#CRASH_CONSISTENT}) whose coordinator is gone may remain;
	 * zero switches the periodic run off (recovery then runs before each such load and on
	 * demand only).
	 */
	private Duration recoveryInterval = Duration.ofSeconds(10);

	/**
	 * Age from which an unlogged staging table ({@code databridge_bulk_<epoch>_<random>})
	 * counts as left behind by a crashed JVM and is dropped by the next staged parallel
	 * insert.
	 */
	private Duration staleStagingAge = Duration.ofHours(24);

	/** Creates settings with the defaults. */
	public BulkSettings() {
	}

	/** Maximum number of concurrent partitions (default 4). */
	public int getParallelism() {
		return this.parallelism;
	}

	/** Sets the maximum number of concurrent partitions; at least 1. */
	public void setParallelism(int parallelism) {
		Assert.isTrue(parallelism >= 1, "parallelism must be at least 1");
		this.parallelism = parallelism;
	}

	/** Row count from which inserts run in parallel (default 50). */
	public int getParallelThreshold() {
		return this.parallelThreshold;
	}

	/** Sets the row count from which inserts run in parallel; at least 1. */
	public void setParallelThreshold(int parallelThreshold) {
		Assert.isTrue(parallelThreshold >= 1, "parallelThreshold must be at least 1");
		this.parallelThreshold = parallelThreshold;
	}

	/** Size of one encoded chunk in bytes (default 64 KiB). */
	public int getChunkBytes() {
		return this.chunkBytes;
	}

	/** Sets the size of one encoded chunk in bytes; at least 1024. */
	public void setChunkBytes(int chunkBytes) {
		Assert.isTrue(chunkBytes >= 1024, "chunkBytes must be at least 1024");
		this.chunkBytes = chunkBytes;
	}

	/** Number of encoded chunks in flight per insert (default 16). */
	public int getBufferedChunks() {
		return this.bufferedChunks;
	}

	/** Sets the number of encoded chunks in flight per insert; at least 2. */
	public void setBufferedChunks(int bufferedChunks) {
		Assert.isTrue(bufferedChunks >= 2, "bufferedChunks must be at least 2");
		this.bufferedChunks = bufferedChunks;
	}

	/**
	 * The atomicity of inserts that ask for {@link Atomicity#DEFAULT} (default
	 * {@link Atomicity#ATOMIC}).
	 */
	public Atomicity getAtomicity() {
		return this.atomicity;
	}

	/**
	 * Sets the atomicity of inserts that ask for {@link Atomicity#DEFAULT}; any mode but
	 * {@code DEFAULT}.
	 */
	public void setAtomicity(Atomicity atomicity) {
		Assert.isTrue(atomicity != null && atomicity != Atomicity.DEFAULT,
				"atomicity must be one of ATOMIC, CRASH_CONSISTENT, STAGED, PER_PARTITION");
		this.atomicity = atomicity;
	}

	/**
	 * How often in-doubt recovery runs while transactions may be left in doubt (default
	 * 10 seconds; zero for never).
	 */
	public Duration getRecoveryInterval() {
		return this.recoveryInterval;
	}

	/** Sets how often in-doubt recovery runs while needed; zero or more. */
	public void setRecoveryInterval(Duration recoveryInterval) {
		Assert.isTrue(recoveryInterval != null && !recoveryInterval.isNegative(),
				"recoveryInterval must not be negative");
		this.recoveryInterval = recoveryInterval;
	}

	/** Age from which a staging table counts as left behind (default 24 hours). */
	public Duration getStaleStagingAge() {
		return this.staleStagingAge;
	}

	/** Sets the age from which a staging table counts as left behind; positive. */
	public void setStaleStagingAge(Duration staleStagingAge) {
		Assert.isTrue(staleStagingAge != null && staleStagingAge.isPositive(), "staleStagingAge must be positive");
		this.staleStagingAge = staleStagingAge;
	}

	/** A copy of these settings. */
	public BulkSettings copy() {
		BulkSettings copy = new BulkSettings();
		copy.parallelism = this.parallelism;
		copy.parallelThreshold = this.parallelThreshold;
		copy.chunkBytes = this.chunkBytes;
		copy.bufferedChunks = this.bufferedChunks;
		copy.atomicity = this.atomicity;
		copy.recoveryInterval = this.recoveryInterval;
		copy.staleStagingAge = this.staleStagingAge;
		return copy;
	}

}
