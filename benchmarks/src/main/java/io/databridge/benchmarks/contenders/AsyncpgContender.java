package io.databridge.benchmarks.contenders;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.Check;
import io.databridge.benchmarks.Checksum;
import io.databridge.benchmarks.Contender;
import io.databridge.benchmarks.Iteration;
import io.databridge.benchmarks.Workload;
import io.databridge.benchmarks.WorkloadInput;
import org.jspecify.annotations.Nullable;

/**
 * Python's asyncpg (Debian's {@code python3-asyncpg}, run by {@code /usr/bin/python3} or
 * {@code BENCH_PYTHON}): selects fetch {@code asyncpg.Record}s with one prepared
 * statement, findById is one {@code fetchrow} per id, inserts are
 * {@code copy_records_to_table} (binary COPY). A worker process
 * ({@code asyncpg_worker.py}) holds one connection and times each operation with its own
 * clock around the awaited call, so the hand-over between the processes is not counted;
 * the client CPU is the worker's. Results come back after the clock stopped and are
 * verified like every other contender's. Skipped, with the install command, where asyncpg
 * is missing.
 */
public final class AsyncpgContender implements Contender {

	private static final String PYTHON = System.getenv().getOrDefault("BENCH_PYTHON", "/usr/bin/python3");

	private static volatile @Nullable String missing;

	private static volatile boolean probed;

	private @Nullable Process worker;

	private @Nullable BufferedReader out;

	private @Nullable Writer in;

	private @Nullable HikariDataSource pool;

	private String schema = "public";

	private final Map<Integer, Path> files = new HashMap<>();

	@Override
	public String name() {
		return "asyncpg";
	}

	@Override
	public String description() {
		return "Python asyncpg " + version() + ": fetch into Records, fetchrow per lookup, copy_records_to_table; "
				+ "timed by the worker's own clock, client CPU is the Python process's";
	}

	@Override
	public int order() {
		return 60;
	}

	@Override
	public @Nullable String skipReason(Workload workload, int size) {
		if (workload == Workload.STREAM) {
			return NOT_APPLICABLE;
		}
		return missing();
	}

	/**
	 * Why asyncpg cannot run here, or {@code null} when it can.
	 * @return the reason, with the install command, or {@code null}
	 */
	public static @Nullable String missing() {
		if (!probed) {
			String version = run(PYTHON, "-c", "import asyncpg; print(asyncpg.__version__)");
			missing = version == null ? "asyncpg is not installed for " + PYTHON
					+ " (apt-get install -y python3-asyncpg, or set BENCH_PYTHON)" : null;
			probed = true;
		}
		return missing;
	}

	private static String version() {
		String version = run(PYTHON, "-c", "import asyncpg; print(asyncpg.__version__)");
		return version == null ? "(missing)" : version.trim();
	}

	private static @Nullable String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public void open(BenchEnvironment environment) throws IOException {
		Path script = Files.createTempFile("asyncpg_worker", ".py");
		try (InputStream source = AsyncpgContender.class.getResourceAsStream("asyncpg_worker.py")) {
			if (source == null) {
				throw new IllegalStateException("asyncpg_worker.py is missing from the class path");
			}
			Files.write(script, source.readAllBytes());
		}
		script.toFile().deleteOnExit();
		Map<String, String> options = options(environment.jdbcUrl());
		this.schema = options.getOrDefault("currentSchema", "public");
		Process process = new ProcessBuilder(PYTHON, script.toString(),
				dsn(environment.jdbcUrl(), environment.username(), environment.password()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.worker = process;
		this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
		this.pool = environment.newDataSource(name(), 1);
	}

	/** {@code jdbc:postgresql://host:port/db?options} as a libpq URI for asyncpg. */
	static String dsn(String jdbcUrl, String user, @Nullable String password) {
		String rest = jdbcUrl.substring("jdbc:postgresql://".length());
		int query = rest.indexOf('?');
		String hostAndDb = query < 0 ? rest : rest.substring(0, query);
		String credentials = java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
				+ (password == null ? "" : ":" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
		return "postgresql://" + credentials + "@" + hostAndDb;
	}

	static Map<String, String> options(String jdbcUrl) {
		Map<String, String> options = new HashMap<>();
		int query = jdbcUrl.indexOf('?');
		if (query >= 0) {
			for (String pair : jdbcUrl.substring(query + 1).split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					options.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		return options;
	}

	@Override
	public Iteration prepare(WorkloadInput input) throws Exception {
		return switch (input.workload()) {
			case SELECT_RANGE -> new Remote("select " + input.firstId() + " " + (input.firstId() + input.size()));
			case FIND_BY_ID -> new Remote(
					"find " + String.join(",", java.util.Arrays.stream(input.ids()).mapToObj(Long::toString).toList()));
			case INSERT -> prepareInsert(input);
			case STREAM ->
				throw new IllegalStateException("asyncpg has no streaming workload here (skipReason excludes it)");
		};
	}

	private Iteration prepareInsert(WorkloadInput input) throws Exception {
		Path file = this.files.get(input.size());
		if (file == null) {
			file = Files.createTempFile("asyncpg-rows-" + input.size() + "-", ".tsv");
			file.toFile().deleteOnExit();
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				for (BenchRow row : input.rows()) {
					writer.write(line(row));
					writer.write('\n');
				}
			}
			this.files.put(input.size(), file);
			call("load " + file);
		}
		try (Connection connection = pool().getConnection()) {
			BenchEnvironment.truncate(connection, input.size());
		}
		String command = "insert " + file + " " + this.schema;
		return new Remote(command) {
			@Override
			public Check check() throws Exception {
				try (Connection connection = pool().getConnection()) {
					return BenchEnvironment.readBack(connection);
				}
			}
		};
	}

	private HikariDataSource pool() {
		HikariDataSource current = this.pool;
		if (current == null) {
			throw new IllegalStateException("asyncpg was not opened");
		}
		return current;
	}

	/** Sends one command and reads its reply: the times, then the rows. */
	private Reply call(String command) throws IOException {
		Writer writer = this.in;
		BufferedReader reader = this.out;
		if (writer == null || reader == null) {
			throw new IllegalStateException("asyncpg was not opened");
		}
		writer.write(command);
		writer.write('\n');
		writer.flush();
		String head = reader.readLine();
		if (head == null || !head.startsWith("OK ")) {
			throw new IOException("asyncpg worker: " + (head == null ? "exited" : head));
		}
		String[] parts = head.split(" ");
		int count = Integer.parseInt(parts[3]);
		List<@Nullable BenchRow> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String line = reader.readLine();
			rows.add(line == null || line.equals("-") ? null : parse(line));
		}
		return new Reply(Long.parseLong(parts[1]), Long.parseLong(parts[2]), rows);
	}

	static String line(BenchRow row) {
		return row.id() + "\t" + escape(row.name()) + "\t" + escape(row.email()) + "\t" + row.age() + "\t"
				+ (row.active() ? "1" : "0") + "\t" + row.score() + "\t" + row.balance().toPlainString() + "\t"
				+ ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt()) + "\t" + row.externalId() + "\t"
				+ escape(row.profile());
	}

	static BenchRow parse(String line) {
		String[] f = line.split("\t", -1);
		return new BenchRow(Long.parseLong(f[0]), unescape(f[1]), unescape(f[2]), Integer.parseInt(f[3]),
				f[4].equals("1"), Double.parseDouble(f[5]), new BigDecimal(f[6]),
				Instant.EPOCH.plus(Long.parseLong(f[7]), ChronoUnit.MICROS), UUID.fromString(f[8]), unescape(f[9]));
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
	}

	private static String unescape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	@Override
	public void close() throws Exception {
		Writer writer = this.in;
		if (writer != null) {
			writer.close();
		}
		Process process = this.worker;
		if (process != null && !process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		if (this.pool != null) {
			this.pool.close();
		}
		for (Path file : this.files.values()) {
			Files.deleteIfExists(file);
		}
	}

	private record Reply(long nanos, long cpuNanos, List<@Nullable BenchRow> rows) {
	}

	/** One command to the worker; the worker's clock times it. */
	private class Remote implements Iteration {

		private final String command;

		private @Nullable Reply reply;

		Remote(String command) {
			this.command = command;
		}

		@Override
		public void run() throws Exception {
			this.reply = call(this.command);
		}

		@Override
		public Check check() throws Exception {
			Checksum sum = new Checksum();
			Reply last = this.reply;
			if (last != null) {
				for (BenchRow row : last.rows()) {
					if (row != null) {
						sum.add(row);
					}
				}
			}
			return sum.check();
		}

		@Override
		public long reportedNanos() {
			Reply last = this.reply;
			return last == null ? -1 : last.nanos();
		}

		@Override
		public long reportedCpuNanos() {
			Reply last = this.reply;
			return last == null ? -1 : last.cpuNanos();
		}

	}

}
