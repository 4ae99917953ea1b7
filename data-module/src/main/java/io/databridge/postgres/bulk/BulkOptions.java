package io.databridge.postgres.bulk;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The options of one bulk insert; what is left unset comes from {@link BulkSettings}.
 * Immutable.
 *
 * @param onConflict what to do with rows whose key exists
 * @param conflictTarget the properties of the unique key the conflict refers to; empty
 * for the id
 * @param conflictConstraint the unique constraint the conflict refers to, or {@code null}
 * @param parallelism the number of partitions, 0 for the configured default
 * @param parallelThreshold the row count from which to run in parallel, -1 for the
 * configured default
 * @param atomicity all-or-nothing or per-partition commits
 */
public record BulkOptions(OnConflict onConflict, List<String> conflictTarget, @Nullable String conflictConstraint,
		int parallelism, int parallelThreshold, Atomicity atomicity) {

	private static final BulkOptions DEFAULTS = new BulkOptions(OnConflict.ERROR, List.of(), null, 0, -1,
			Atomicity.DEFAULT);

	public BulkOptions {
		Assert.notNull(onConflict, "onConflict must not be null");
		Assert.notNull(atomicity, "atomicity must not be null");
		conflictTarget = List.copyOf(conflictTarget);
		Assert.isTrue(parallelism >= 0, "parallelism must not be negative");
		Assert.isTrue(parallelThreshold >= -1, "parallelThreshold must be -1 or more");
		Assert.isTrue(conflictTarget.isEmpty() || conflictConstraint == null,
				"Give either a conflict target or a conflict constraint, not both");
	}

	/** Every option at its default. */
	public static BulkOptions defaults() {
		return DEFAULTS;
	}

	/** The options of an annotated repository method. */
	public static BulkOptions of(BulkInsert annotation) {
		return new BulkOptions(annotation.onConflict(), List.of(annotation.conflictTarget()),
				annotation.conflictConstraint().isEmpty() ? null : annotation.conflictConstraint(),
				annotation.parallelism(), annotation.parallelThreshold(), annotation.atomicity());
	}

	/** A copy with another conflict action. */
	public BulkOptions onConflict(OnConflict action) {
		return new BulkOptions(action, this.conflictTarget, this.conflictConstraint, this.parallelism,
				this.parallelThreshold, this.atomicity);
	}

	/** A copy whose conflicts refer to the unique key of these properties. */
	public BulkOptions conflictTarget(String... properties) {
		return new BulkOptions(this.onConflict, List.of(properties), null, this.parallelism, this.parallelThreshold,
				this.atomicity);
	}

	/** A copy whose conflicts refer to a named unique constraint. */
	public BulkOptions conflictConstraint(String constraint) {
		return new BulkOptions(this.onConflict, List.of(), constraint, this.parallelism, this.parallelThreshold,
				this.atomicity);
	}

	/** A copy with another number of partitions. */
	public BulkOptions parallelism(int partitions) {
		return new BulkOptions(this.onConflict, this.conflictTarget, this.conflictConstraint, partitions,
				this.parallelThreshold, this.atomicity);
	}

	/** A copy with another parallel threshold. */
	public BulkOptions parallelThreshold(int rows) {
		return new BulkOptions(this.onConflict, this.conflictTarget, this.conflictConstraint, this.parallelism, rows,
				this.atomicity);
	}

	/** A copy with another atomicity. */
	public BulkOptions atomicity(Atomicity value) {
		return new BulkOptions(this.onConflict, this.conflictTarget, this.conflictConstraint, this.parallelism,
				this.parallelThreshold, value);
	}
}
