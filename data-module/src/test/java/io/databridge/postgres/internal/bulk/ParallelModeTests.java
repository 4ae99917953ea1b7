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
	void shouldUseTwoPhaseCommitForPlainAllOrNothingInsertsWhenTheServerAllowsEnoughPreparedTransactions() {
		assertThat(choose(Atomicity.DEFAULT, DEFAULTS, true, 4, 64)).isEqualTo(ParallelMode.TWO_PHASE);
		assertThat(choose(Atomicity.ALL_OR_NOTHING, DEFAULTS, true, 4, 4)).isEqualTo(ParallelMode.TWO_PHASE);
	}

	@Test
	void shouldFallBackToOneCopySilentlyWhenTheServerAllowsNoOrTooFewPreparedTransactions() {
		assertThat(choose(Atomicity.DEFAULT, DEFAULTS, true, 4, 0)).isEqualTo(ParallelMode.SINGLE);
		assertThat(choose(Atomicity.ALL_OR_NOTHING, DEFAULTS, true, 8, 5)).isEqualTo(ParallelMode.SINGLE);
	}

	@Test
	void shouldStageUpsertsAndReturnedIdsWithoutAskingTheServer() {
		assertThat(ParallelMode.choose(Atomicity.ALL_OR_NOTHING, DEFAULTS, false, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.STAGED);
	}

	@Test
	void shouldRunOneCopyWhenTwoPhaseCommitIsSwitchedOff() {
		BulkSettings off = new BulkSettings();
		off.setTwoPhaseCommit(false);
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, off, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.SINGLE);
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, off, false, 4, neverAsked(), "t")).as("upserts")
			.isEqualTo(ParallelMode.STAGED);
	}

	@Test
	void shouldHonourExplicitModesAndTheNonAtomicDefault() {
		BulkSettings nonAtomic = new BulkSettings();
		nonAtomic.setAtomic(false);
		assertThat(ParallelMode.choose(Atomicity.DEFAULT, nonAtomic, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.PER_PARTITION);
		assertThat(ParallelMode.choose(Atomicity.PER_PARTITION, DEFAULTS, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.PER_PARTITION);
		assertThat(ParallelMode.choose(Atomicity.STAGED, DEFAULTS, true, 4, neverAsked(), "t"))
			.isEqualTo(ParallelMode.STAGED);
		BulkSettings off = new BulkSettings();
		off.setTwoPhaseCommit(false);
		assertThat(choose(Atomicity.TWO_PHASE_COMMIT, off, true, 4, 4)).as("explicit beats the setting")
			.isEqualTo(ParallelMode.TWO_PHASE);
	}

	@Test
	void shouldRejectAnExplicitTwoPhaseCommitThatCannotWork() {
		assertThatThrownBy(() -> choose(Atomicity.TWO_PHASE_COMMIT, DEFAULTS, true, 4, 0))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("max_prepared_transactions >= 4, the server has 0");
		assertThatThrownBy(() -> choose(Atomicity.TWO_PHASE_COMMIT, DEFAULTS, false, 4, 64))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("onConflict = ERROR");
	}

	@Test
	void shouldAskTheServerOnlyForAllOrNothingPlainInserts() {
		AtomicInteger asked = new AtomicInteger();
		IntSupplier counting = () -> {
			asked.incrementAndGet();
			return 64;
		};
		ParallelMode.choose(Atomicity.PER_PARTITION, DEFAULTS, true, 4, counting, "t");
		ParallelMode.choose(Atomicity.STAGED, DEFAULTS, true, 4, counting, "t");
		assertThat(asked).hasValue(0);
		ParallelMode.choose(Atomicity.DEFAULT, DEFAULTS, true, 4, counting, "t");
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
