package io.databridge.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.databridge.postgres.test.TestDatabase;

/**
 * What pgjdbc spends, measured with the hand-written JDBC contender under different
 * driver settings: binary versus text transfer, when statements become server-prepared
 * ({@code prepareThreshold}), numeric in binary, and the fetch size of streaming. Each
 * variant runs in its own JVM and is verified like every contender.
 */
final class DriverStudy {

	private record Variant(String label, String options, Workload workload, int fetchSize) {
	}

	private DriverStudy() {
	}

	static List<Result> run(BenchConfig config, TestDatabase db, String readUrl) throws Exception {
		int select = config.selectSizes().get(config.selectSizes().size() - 1);
		int fetch = config.fetchSize();
		List<Variant> variants = List.of(new Variant("jdbc (defaults)", "", Workload.SELECT_RANGE, fetch),
				new Variant("jdbc binaryTransfer=false", "binaryTransfer=false", Workload.SELECT_RANGE, fetch),
				new Variant("jdbc prepareThreshold=0", "prepareThreshold=0", Workload.SELECT_RANGE, fetch),
				new Variant("jdbc prepareThreshold=-1", "prepareThreshold=-1", Workload.SELECT_RANGE, fetch),
				new Variant("jdbc binaryTransferEnable=NUMERIC", "binaryTransferEnable=NUMERIC", Workload.SELECT_RANGE,
						fetch),
				new Variant("jdbc (defaults)", "", Workload.FIND_BY_ID, fetch),
				new Variant("jdbc binaryTransfer=false", "binaryTransfer=false", Workload.FIND_BY_ID, fetch),
				new Variant("jdbc prepareThreshold=0", "prepareThreshold=0", Workload.FIND_BY_ID, fetch),
				new Variant("jdbc fetchSize=" + fetch, "", Workload.STREAM, fetch),
				new Variant("jdbc fetchSize=100", "", Workload.STREAM, 100),
				new Variant("jdbc fetchSize=10000", "", Workload.STREAM, 10_000),
				new Variant("jdbc binaryTransfer=false", "binaryTransfer=false", Workload.STREAM, fetch),
				// a statement run fewer than prepareThreshold (5) times is never
				// server-prepared, so never binary
				new Variant("jdbc prepareThreshold=-1", "prepareThreshold=-1", Workload.STREAM, fetch));
		List<Fork> forks = new ArrayList<>();
		for (Variant variant : variants) {
			int size = switch (variant.workload()) {
				case SELECT_RANGE -> select;
				case FIND_BY_ID -> config.findByIdCount();
				default -> config.readRows();
			};
			String url = variant.options().isEmpty() ? readUrl : BenchRunner.withOptions(readUrl, variant.options());
			forks.add(new Fork("jdbc", variant.workload(), List.of(size), url, db.username(), db.password(),
					variant.fetchSize(), "-", variant.label()));
		}
		return BenchRunner.runAll(forks, config);
	}

}
