package io.databridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's results: {@code results.md} (tables of median ms, rows/s and the ratio
 * to data-bridge, the read targets, the driver study and the machine), {@code chart.svg}
 * and {@code results.tsv} (every iteration). A result that failed verification appears as
 * an error, never as a figure.
 */
final class Report {

	static final String DATA_BRIDGE = "data-bridge";

	static final String SERVER_COPY = "server-copy";

	private final BenchConfig config;

	private final Map<String, String> machine;

	private final List<Contender> contenders;

	private final List<Result> results;

	private final List<Result> study;

	private final Instant started;

	private final long minutes;

	private final String loadBefore;

	private final String loadAfter;

	private final RoundReport rounds;

	Report(BenchConfig config, Map<String, String> machine, List<Contender> contenders, List<Result> results,
			List<Result> study, Instant started, long minutes, String loadBefore, String loadAfter,
			RoundReport rounds) {
		this.rounds = rounds;
		this.config = config;
		this.machine = machine;
		this.contenders = contenders;
		this.results = mergeServerCopy(results);
		this.study = study;
		this.started = started;
		this.minutes = minutes;
		this.loadBefore = loadBefore;
		this.loadAfter = loadAfter;
	}

	Path write(Path dir) throws IOException {
		Files.createDirectories(dir);
		String prefix = "smoke".equals(this.config.mode()) ? "smoke-" : "";
		Path markdown = dir.resolve(prefix + "results.md");
		Files.writeString(markdown, markdown(prefix + "chart.svg"));
		Files.writeString(dir.resolve(prefix + "chart.svg"),
				new SvgChart(this.results, order()).render("data-bridge benchmarks (" + this.config.mode()
						+ "), rows per second, log scale; " + this.started.truncatedTo(ChronoUnit.MINUTES)));
		Files.writeString(dir.resolve(prefix + "results.tsv"), tsv());
		return markdown;
	}

	private List<String> order() {
		List<String> names = new ArrayList<>();
		for (Contender contender : this.contenders) {
			String name = contender.name().startsWith(SERVER_COPY) ? SERVER_COPY : contender.name();
			if (!names.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	private String markdown(String chart) {
		StringBuilder md = new StringBuilder();
		md.append("# data-bridge benchmarks: ").append(this.config.mode()).append(" run\n\n");
		md.append("Command: `benchmarks/run.sh ")
			.append(this.config.mode())
			.append("`. Started ")
			.append(this.started.truncatedTo(ChronoUnit.SECONDS))
			.append(", took about ")
			.append(this.minutes)
			.append(" min.\n\n");
		md.append("> **Shared machine.** Load average before the run: ")
			.append(this.loadBefore)
			.append("; after: ")
			.append(this.loadAfter)
			.append(". Other engineers' builds and tests competed for the same cores and the same ")
			.append("PostgreSQL server during the run, so absolute figures are pessimistic and noisy; the min–max columns ")
			.append("show how much. Ratios between contenders measured minutes apart are more trustworthy than absolute ")
			.append("figures, but not immune.\n\n");
		if ("smoke".equals(this.config.mode())) {
			md.append(
					"> **Smoke mode**: tiny sizes to prove the harness and the verifications; these figures mean nothing ")
				.append("about performance.\n\n");
		}
		md.append("![chart](").append(chart).append(")\n\n");
		md.append("## Machine\n\n| | |\n|---|---|\n");
		this.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
		md.append('\n');
		method(md);
		for (Workload workload : List.of(Workload.INSERT, Workload.SELECT_RANGE, Workload.FIND_BY_ID,
				Workload.STREAM)) {
			table(md, workload, this.results, true);
		}
		md.append(this.rounds.markdown(this.config));
		insertTargets(md);
		targets(md);
		if (!this.study.isEmpty()) {
			md.append("## Driver study: what pgjdbc spends\n\n");
			md.append(
					"The hand-written JDBC contender under different pgjdbc settings, each in its own JVM and verified. ")
				.append("The ratio column here is relative to the defaults (`jdbc (defaults)` / `fetchSize=")
				.append(this.config.fetchSize())
				.append("`).\n\n");
			for (Workload workload : List.of(Workload.SELECT_RANGE, Workload.FIND_BY_ID, Workload.STREAM)) {
				table(md, workload, this.study, false);
			}
		}
		md.append("## Contenders\n\n");
		for (Contender contender : this.contenders) {
			md.append("- **").append(contender.name()).append("**: ").append(contender.description()).append('\n');
		}
		md.append('\n');
		caveats(md);
		return md.toString();
	}

	private void method(StringBuilder md) {
		md.append("## How it was measured\n\n");
		md.append("- Table `bench_user(id bigint pk, name text, email text, age int, active bool, score float8, ")
			.append("balance numeric(12,2), created_at timestamptz, external_id uuid, profile jsonb)`. Reads use ")
			.append(String.format(Locale.ROOT, "%,d", this.config.readRows()))
			.append(" rows loaded once (then `VACUUM ANALYZE`); inserts go to an identical empty table, truncated ")
			.append("(untimed) before every operation.\n");
		md.append("- Every contender runs each workload in a JVM of its own (`-Xms")
			.append(this.config.heap())
			.append(" -Xmx")
			.append(this.config.heap())
			.append(" ")
			.append(String.join(" ", this.config.jvmOptions()))
			.append("`), started by `BenchRunner` with the same java binary and class path; ")
			.append(this.config.parallelForks() == 1 ? "one JVM at a time."
					: this.config.parallelForks() + " JVMs at a time (smoke mode only).")
			.append(" Each contender inserts into a table of its own (same definition, own schema). Row `id` is a pure function of `id`, so every JVM generates the same data, ")
			.append("before any timing. Every contender connects through HikariCP with the same URL options: `")
			.append(BenchRunner.COMMON_OPTIONS)
			.append("`.\n");
		md.append("- Warm-up: ")
			.append(this.config.warmups())
			.append(" iteration(s) (")
			.append(this.config.largeWarmups())
			.append(" from 100,000 rows up, after the smaller sizes warmed the JVM); a warm-up iteration repeats the ")
			.append("operation until the timed operations add up to ")
			.append(this.config.minIterationMillis())
			.append(" ms. Then ")
			.append(this.config.iterations())
			.append(" measured iterations (inserts: ")
			.append(this.config.iterations(Workload.INSERT))
			.append(" per round, see below), each running as many ")
			.append("operations as the last warm-up needed. Only the operation is timed (preparing and verifying are not). ")
			.append("Figures are the median, min and max over the measured iterations of the mean time per operation.");
		if (this.config.readRounds() > 1 || this.config.insertRounds() > 1) {
			md.append(" Inserts ran in ")
				.append(this.config.insertRounds())
				.append(" and selects and findById in ")
				.append(this.config.readRounds())
				.append(" interleaved rounds (every contender's JVM once, then again, ")
				.append("each with its own warm-up), and their measured iterations are pooled, so that a change of ")
				.append("load hits all contenders alike.");
		}
		md.append('\n');
		md.append(
				"- Verification: every operation, warm-up or measured, is checked (row count and an order-independent ")
			.append("checksum over every column) against the values generated from the ids. Inserts are read back with ")
			.append("plain JDBC getters. A failed check reports an error and no figure.\n");
		md.append("- Memory: *alloc/op* is `ThreadMXBean.getTotalThreadAllocatedBytes` (every thread of the ")
			.append("contender's JVM, so parallel workers count too) around the operation (median over iterations). *retained* is the heap still ")
			.append("used by one operation's result after a full GC, measured once after the iterations: it shows ")
			.append("what a select holds, and that streaming holds nothing. *client CPU* is the CPU time of the ")
			.append("contender's whole JVM per operation (`OperatingSystemMXBean.getProcessCpuTime`, every thread: ")
			.append("the caller, data-bridge's partitions, the garbage collector and the JIT; median over iterations): ")
			.append("the client-side cost, much less disturbed by a busy machine than wall time. The server's CPU is not ")
			.append("in it; for server-copy it is close to nothing, as that client only waits.\n\n");
	}

	private void table(StringBuilder md, Workload workload, List<Result> source, boolean versusDataBridge) {
		List<String> order = order();
		List<Result> rows = source.stream()
			.filter(r -> r.workload() == workload)
			.sorted(java.util.Comparator.comparingInt(Result::size).thenComparingInt(r -> {
				int index = order.indexOf(r.contender());
				return index < 0 ? Integer.MAX_VALUE : index;
			}))
			.toList();
		if (rows.isEmpty()) {
			return;
		}
		String unit = workload == Workload.FIND_BY_ID ? "lookups/s" : "rows/s";
		String base = versusDataBridge ? "data-bridge's" : "defaults'";
		md.append(versusDataBridge ? "## " : "### ").append(title(workload)).append("\n\n");
		md.append("| size | contender | median ms | min–max ms | ")
			.append(unit)
			.append(" | time ÷ ")
			.append(base)
			.append(" | client CPU ms | CPU ÷ ")
			.append(base)
			.append(" | alloc/op | retained |\n")
			.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Result r : rows) {
			md.append("| ")
				.append(String.format(Locale.ROOT, "%,d", r.size()))
				.append(" | ")
				.append(r.contender())
				.append(" | ");
			if (!r.ok()) {
				String what = "SKIP".equals(r.status()) ? "not run: " : "**ERROR, no figure**: ";
				md.append(what).append(r.message().replace("|", "\\|")).append(" | | | | | | | |\n");
				continue;
			}
			md.append(ms(r.medianNanos()))
				.append(" | ")
				.append(ms(r.minNanos()))
				.append("–")
				.append(ms(r.maxNanos()))
				.append(" | ")
				.append(String.format(Locale.ROOT, "%,.0f", r.size() / (r.medianNanos() / 1e9)))
				.append(" | ");
			Optional<Result> baseline = versusDataBridge ? find(rows, DATA_BRIDGE, r.size())
					: rows.stream().filter(o -> o.size() == r.size() && o.ok() && baseline(o)).findFirst();
			md.append(baseline.map(b -> ratio(r.medianNanos(), b.medianNanos())).orElse("n/a"));
			md.append(" | ")
				.append(ms(r.cpuNanosPerOp()))
				.append(" | ")
				.append(baseline.map(b -> ratio(r.cpuNanosPerOp(), b.cpuNanosPerOp())).orElse("n/a"));
			md.append(" | ").append(mb(r.allocatedPerOp())).append(" | ").append(mb(r.retainedBytes()));
			if (!r.message().isEmpty()) {
				md.append(" (").append(r.message()).append(')');
			}
			md.append(" |\n");
		}
		md.append('\n');
	}

	private boolean baseline(Result r) {
		return r.contender().equals("jdbc (defaults)")
				|| r.contender().equals("jdbc fetchSize=" + this.config.fetchSize());
	}

	private void targets(StringBuilder md) {
		md.append("## Read targets (DESIGN.md)\n\n");
		md.append("Ratios of median times. \"x within 1.1× of jdbc\" means data-bridge ÷ jdbc ≤ 1.10; \"≥ 2× Spring ")
			.append("Data JDBC\" means Spring Data JDBC ÷ data-bridge ≥ 2.\n\n");
		md.append("The last columns repeat the ratio with each side's fastest iteration, and with the client-side CPU ")
			.append("time per operation (the client JVM's CPU: mapping, decoding, framework code, GC; the server's ")
			.append("work is the same for every contender), both of which a busy machine disturbs less than the median.\n\n");
		md.append(
				"| target | measured (medians) | met? | ratio of mins | ratio of client CPU |\n|---|---:|---|---:|---:|\n");
		int small = this.config.selectSizes().get(0);
		int large = this.config.selectSizes().get(this.config.selectSizes().size() - 1);
		target(md, Workload.SELECT_RANGE, small, "jdbc", 1.1, true);
		target(md, Workload.SELECT_RANGE, large, "jdbc", 1.1, true);
		target(md, Workload.SELECT_RANGE, small, "spring-data-jdbc", 2.0, false);
		target(md, Workload.SELECT_RANGE, large, "spring-data-jdbc", 2.0, false);
		target(md, Workload.SELECT_RANGE, small, "hibernate", 1.3, false);
		target(md, Workload.SELECT_RANGE, large, "hibernate", 1.8, false);
		target(md, Workload.FIND_BY_ID, this.config.findByIdCount(), "jdbc", 1.1, true);
		md.append('\n');
	}

	private void insertTargets(StringBuilder md) {
		if (this.config.insertSizes().stream().noneMatch(size -> size >= 1_000_000)) {
			return;
		}
		md.append("## Insert targets (issue 7)\n\n");
		md.append("Ratios of median times, \"≥ k× peer\" meaning peer ÷ data-bridge ≥ k. For the server-side ceiling ")
			.append("the ratio is data-bridge's throughput as a fraction of the ceiling's (ceiling time ÷ data-bridge ")
			.append("time). data-bridge is the `data-bridge` row (the default atomic mode: one COPY, one transaction); ")
			.append("the `data-bridge <mode>` rows show the other atomicity modes at parallelism = cores.\n\n");
		md.append(
				"| target | measured (medians) | met? | ratio of mins | ratio of client CPU |\n|---|---:|---|---:|---:|\n");
		target(md, Workload.INSERT, 1_000, "jdbc", 2.0, false);
		target(md, Workload.INSERT, 100_000, "spring-data-jdbc", 7.0, false);
		target(md, Workload.INSERT, 100_000, "hibernate", 4.0, false);
		target(md, Workload.INSERT, 1_000_000, "pgjdbc-copy", 1.3, false);
		target(md, Workload.INSERT, 1_000_000, "jdbc", 3.0, false);
		target(md, Workload.INSERT, 1_000_000, SERVER_COPY, 0.8, false);
		md.append('\n');
	}

	private void target(StringBuilder md, Workload workload, int size, String peer, double limit, boolean within) {
		String label = workload.key() + " " + String.format(Locale.ROOT, "%,d", size) + ": " + (within
				? "within " + limit + "× of " + peer
				: limit < 1 ? "≥ " + limit + "× the throughput of " + peer : "≥ " + limit + "× faster than " + peer);
		Optional<Result> db = find(this.results, DATA_BRIDGE, size, workload);
		Optional<Result> other = find(this.results, peer, size, workload);
		if (db.isEmpty() || other.isEmpty()) {
			md.append("| ").append(label).append(" | n/a (a result is missing or failed) | – | – | – |\n");
			return;
		}
		double ratio = within ? (double) db.get().medianNanos() / other.get().medianNanos()
				: (double) other.get().medianNanos() / db.get().medianNanos();
		boolean met = within ? ratio <= limit : ratio >= limit;
		md.append("| ")
			.append(label)
			.append(" | ")
			.append(String.format(Locale.ROOT, within ? "data-bridge ÷ %s = %.2f×" : "%2$s ÷ data-bridge = %1$.2f×",
					within ? peer : ratio, within ? ratio : peer))
			.append(" | ")
			.append(met ? "yes" : "**no**")
			.append(" | ")
			.append(String.format(Locale.ROOT, "%.2f×",
					within ? (double) db.get().minNanos() / other.get().minNanos()
							: (double) other.get().minNanos() / db.get().minNanos()))
			.append(" | ")
			.append(within ? ratio(db.get().cpuNanosPerOp(), other.get().cpuNanosPerOp())
					: ratio(other.get().cpuNanosPerOp(), db.get().cpuNanosPerOp()))
			.append(" |\n");
	}

	private void caveats(StringBuilder md) {
		md.append("## Read before quoting\n\n");
		md.append("- **data-bridge's modes**: the `data-bridge` row runs `@BulkInsert` in the default atomic mode ")
			.append("(one COPY on one connection, one transaction: compare it with `server-copy-1`, the server's own ")
			.append("single-session COPY). The `data-bridge crash-consistent`, `staged` and `per-partition` rows run the ")
			.append("same method in the parallel modes with `databridge.pg.bulk.parallelism` set to the cores available, ")
			.append("because the server shares this machine (compare them with the best multi-session server-side ")
			.append("COPY); `crash-consistent p=4` runs four partitions (the library's default is 2). From 100,000 rows up.\n");
		md.append("- **jsonb**: every contender maps `profile` as a `String`. data-bridge (`@Jsonb String`) and the ")
			.append("COPY contenders write jsonb's binary format; the JDBC, Spring Data JDBC and Hibernate contenders bind ")
			.append("text and the URL's `stringtype=unspecified` lets the server type it as jsonb. Reads decode jsonb ")
			.append("as text everywhere.\n");
		md.append(
				"- **Hibernate** is plain Hibernate ORM through JPA (`EntityManager`, `StatelessSession` for streaming), ")
			.append("not Spring Data JPA repository proxies; Spring Data JPA's `@Transactional(readOnly = true)` ")
			.append("would add a commit round trip to every `findById`.\n");
		md.append("- **Server-side COPY** is the ceiling: the best of 1, 2 and 4 concurrent `COPY ... FROM '<file>' ")
			.append("(FORMAT binary)` statements (files written before timing, on the server's disk); the variant is named ")
			.append("in the row. Allocation of its worker threads is not counted.\n");
		md.append("- **Checkpoints**: before every insert of 100,000 rows or more the harness runs `CHECKPOINT` ")
			.append("(untimed), so that no contender's operation carries a checkpoint forced by the previous one's WAL.\n");
		md.append(
				"- **Retries**: a contender JVM that fails with an exception (not a verification), such as a connection ")
			.append("terminated by someone else's test on a shared server, is run once more; the row says so. A failed ")
			.append("verification is never retried.\n\n");
	}

	private String tsv() {
		StringBuilder out = new StringBuilder("section\tcontender\tworkload\tsize\tstatus\tops_per_iteration\t"
				+ "nanos_per_op_by_iteration\talloc_bytes_per_op\tcpu_nanos_per_op\tretained_bytes\tmessage\t"
				+ "lookup_median_nanos\n");
		for (Result r : this.results) {
			out.append("contenders\t").append(r.toLine().substring("RESULT\t".length())).append('\n');
		}
		for (Result r : this.study) {
			out.append("driver-study\t").append(r.toLine().substring("RESULT\t".length())).append('\n');
		}
		return out.toString();
	}

	private static Optional<Result> find(List<Result> rows, String contender, int size) {
		return rows.stream().filter(r -> r.contender().equals(contender) && r.size() == size && r.ok()).findFirst();
	}

	private static Optional<Result> find(List<Result> rows, String contender, int size, Workload workload) {
		return rows.stream()
			.filter(r -> r.contender().equals(contender) && r.size() == size && r.workload() == workload && r.ok())
			.findFirst();
	}

	/**
	 * Replaces the server-copy-1/2/4 results of each size by the best one, named after
	 * its concurrency.
	 */
	static List<Result> mergeServerCopy(List<Result> results) {
		Map<String, Result> best = new LinkedHashMap<>();
		List<Result> merged = new ArrayList<>();
		for (Result r : results) {
			if (!r.contender().startsWith(SERVER_COPY + "-")) {
				merged.add(r);
				continue;
			}
			String key = r.workload() + "/" + r.size();
			Result current = best.get(key);
			if (current != null && "FAIL".equals(current.status())) {
				continue;
			}
			if (current == null || (r.ok() && (!current.ok() || r.medianNanos() < current.medianNanos()))
					|| ("FAIL".equals(r.status()) && !"FAIL".equals(current.status()))) {
				best.put(key, r);
			}
		}
		for (Result r : best.values()) {
			String parts = r.contender().substring(SERVER_COPY.length() + 1);
			merged.add(r.renamed(SERVER_COPY, r.ok() ? "best of 1/2/4: " + parts + " concurrent" : r.contender()));
		}
		return merged;
	}

	private static String ratio(long value, long base) {
		return base <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", (double) value / base);
	}

	private static String ms(long nanos) {
		double ms = nanos / 1e6;
		return String.format(Locale.ROOT, ms >= 100 ? "%,.0f" : ms >= 10 ? "%.1f" : "%.3f", ms);
	}

	private static String mb(long bytes) {
		if (bytes < 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

	private static String title(Workload workload) {
		return switch (workload) {
			case INSERT -> "Insert n rows into an empty table";
			case SELECT_RANGE -> "Select n rows by id range into objects";
			case FIND_BY_ID -> "n sequential findById lookups";
			case STREAM -> "Stream the whole read table into objects";
		};
	}

}
