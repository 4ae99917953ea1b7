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
	 * Whether parallel inserts are all-or-nothing (two-phase commit, one COPY or a
	 * staging table, see {@link Atomicity}) rather than committed per partition.
	 */
	private boolean atomic = true;

	/**
	 * Whether all-or-nothing parallel plain inserts use two-phase commit (each partition
	 * prepares its transaction, then all are committed) when the server allows it
	 * ({@code max_prepared_transactions} at least the parallelism); otherwise, and when
	 * off, they run as one pipelined COPY on one connection, atomic by itself but not
	 * parallel.
	 */
	private boolean twoPhaseCommit = true;

	/**
	 * Age from which a prepared transaction of a two-phase bulk insert
	 * ({@code databridge_bulk_<load>_<partition>}) that no running insert of this JVM
	 * owns counts as left in doubt by a crashed JVM, and is committed or rolled back by
	 * recovery as the load's recorded decision says. Must exceed the time a live insert
	 * of another JVM takes from its first partition's PREPARE to its commit decision.
	 */
	private Duration inDoubtGrace = Duration.ofSeconds(60);

	/**
	 * Age from which an unlogged staging table ({@code databridge_bulk_<epoch>_<random>})
	 * counts as left behind by a crashed JVM and is dropped by the next all-or-nothing
	 * parallel insert.
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

	/** Whether parallel inserts are all-or-nothing (default {@code true}). */
	public boolean isAtomic() {
		return this.atomic;
	}

	/** Sets whether parallel inserts are all-or-nothing. */
	public void setAtomic(boolean atomic) {
		this.atomic = atomic;
	}

	/**
	 * Whether all-or-nothing parallel plain inserts use two-phase commit when the server
	 * allows it (default on).
	 */
	public boolean isTwoPhaseCommit() {
		return this.twoPhaseCommit;
	}

	/**
	 * Sets whether all-or-nothing parallel plain inserts use two-phase commit when the
	 * server allows it; when off they run as one pipelined COPY on one connection.
	 */
	public void setTwoPhaseCommit(boolean twoPhaseCommit) {
		this.twoPhaseCommit = twoPhaseCommit;
	}

	/**
	 * Age from which a prepared transaction of a bulk insert counts as in doubt (default
	 * 60 seconds).
	 */
	public Duration getInDoubtGrace() {
		return this.inDoubtGrace;
	}

	/**
	 * Sets the age from which a prepared transaction of a bulk insert counts as in doubt;
	 * zero or more.
	 */
	public void setInDoubtGrace(Duration inDoubtGrace) {
		Assert.isTrue(inDoubtGrace != null && !inDoubtGrace.isNegative(), "inDoubtGrace must not be negative");
		this.inDoubtGrace = inDoubtGrace;
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
		copy.atomic = this.atomic;
		copy.staleStagingAge = this.staleStagingAge;
		copy.twoPhaseCommit = this.twoPhaseCommit;
		copy.inDoubtGrace = this.inDoubtGrace;
		return copy;
	}

}
