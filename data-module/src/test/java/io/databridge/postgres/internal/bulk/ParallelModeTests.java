package io.databridge.postgres.internal.bulk;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkSettings;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelModeTests {

	static final BulkSettings DEFAULTS = new BulkSettings();

	@Test
	void shouldRunPlainInsertsAsOneTransactionByDefaultWithoutAskingTheServer() {
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, DEFAULTS, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.SINGLE);
		assertThat(ParallelMode.choose(Atomicity.ATOMIC, DEFAULTS, true, 8, neverAsked(), "t"))
			.isEqualTo(ParallelMode.SINGLE);
	}

	@Test
	void shouldStageAtomicUpsertsAndReturnedIdsWithoutAskingTheServer() {
		assertThat(ParallelMode.choose(Atomicity.ATOMIC, DEFAULTS, false, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.STAGED);
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, DEFAULTS, false, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.STAGED);
	}

	@Test
	void shouldHonourTheConfiguredDefaultAndExplicitModes() {
		BulkSettings perPartition = new BulkSettings();
		perPartition.setAtomicity(Atomicity.PER_PARTITION);
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, perPartition, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.PER_PARTITION);
		assertThat(ParallelMode.choose(Atomicity.PER_PARTITION, DEFAULTS, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.PER_PARTITION);
		assertThat(ParallelMode.choose(Atomicity.STAGED, DEFAULTS, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.STAGED);
		assertThat(choose(Atomicity.CRASH_CONSISTENT, DEFAULTS, true, 4, 4)).isEqualTo(ParallelMode.TWO_PHASE);
		BulkSettings crashConsistent = new BulkSettings();
		crashConsistent.setAtomicity(Atomicity.CRASH_CONSISTENT);
		assertThat(choose(Atomicity.DEFAULT, crashConsistent, true, 4, 64)).isEqualTo(ParallelMode.TWO_PHASE);
	}

	@Test
	void shouldRejectACrashConsistentLoadThatCannotWork() {
		assertThatThrownBy(() -> choose(Atomicity.CRASH_CONSISTENT, DEFAULTS, true, 4, 0))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("max_prepared_transactions >= 4, the server has 0");
		assertThatThrownBy(() -> choose(Atomicity.CRASH_CONSISTENT, DEFAULTS, false, 4, 64))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("onConflict = ERROR");
	}

	@Test
	void shouldRejectDefaultAsTheConfiguredAtomicity() {
		assertThatThrownBy(() -> new BulkSettings().setAtomicity(Atomicity.DEFAULT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("atomicity must be one of");
	}

	@Test
	void shouldAskTheServerOnlyForCrashConsistentInserts() {
		AtomicInteger asked = new AtomicInteger();
		IntSupplier counting = () -> {
			asked.incrementAndGet();
			return 64;
		};
		ParallelMode.choose(Atomicity.PER_PARTITION, DEFAULTS, true, 4, counting, "t");
		ParallelMode.choose(Atomicity.STAGED, DEFAULTS, true, 4, counting, "t");
		ParallelMode.choose(Atomicity.DEFAULT, DEFAULTS, true, 4, counting, "t");
		assertThat(asked).hasValue(0);
		ParallelMode.choose(Atomicity.CRASH_CONSISTENT, DEFAULTS, true, 4, counting, "t");
		assertThat(asked).hasValue(1);
	}

	private static ParallelMode choose(Atomicity atomicity, BulkSettings settings, boolean plain, int parallelism,
			int maxPrepared) {
		return ParallelMode.choose(atomicity, settings, plain, parallelism, () -> maxPrepared, "t");
	}

	private static IntSupplier neverAsked() {
		return () -> {
			throw new AssertionError("max_prepared_transactions should not be needed");
		};
	}

}
