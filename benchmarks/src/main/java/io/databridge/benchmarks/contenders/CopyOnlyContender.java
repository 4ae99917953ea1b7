package io.databridge.benchmarks.contenders;

import java.util.List;
import java.util.function.Consumer;

import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import io.databridge.benchmarks.Workload;
import org.jspecify.annotations.Nullable;

/**
 * A contender that only writes (COPY from the client or from a server file): it skips
 * every read workload, and the read operations, never called, say so if they are.
 */
abstract class CopyOnlyContender extends EntityContender<BenchRow> {

	@Override
	public @Nullable String skipReason(Workload workload, int size) {
		return workload == Workload.INSERT ? null : NOT_APPLICABLE;
	}

	@Override
	protected List<BenchRow> selectRange(long fromId, long toId) {
		throw notAReadPath();
	}

	@Override
	protected @Nullable BenchRow findById(long id) {
		throw notAReadPath();
	}

	@Override
	protected void stream(Consumer<BenchRow> sink) {
		throw notAReadPath();
	}

	private UnsupportedOperationException notAReadPath() {
		return new UnsupportedOperationException(name() + " only takes part in the insert workloads");
	}

}
