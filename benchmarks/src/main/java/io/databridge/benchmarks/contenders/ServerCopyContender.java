package io.databridge.benchmarks.contenders;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.BinaryCopyWriter;
import io.databridge.benchmarks.Workload;
import org.jspecify.annotations.Nullable;

/**
 * The ceiling: the server loads binary COPY files from its own disk
 * ({@code COPY ... FROM '<file>' (FORMAT binary)}), so no client encodes or sends rows.
 * The rows are split into {@code parts} files, written before timing, and loaded by that
 * many concurrent COPY statements on separate connections. The runner reports the best of
 * 1, 2 and 4. Needs a server on this machine that may read the files
 * ({@code pg_read_server_files} or superuser).
 */
public abstract class ServerCopyContender extends CopyOnlyContender {

	private final int parts;

	private final Map<Integer, List<Path>> files = new HashMap<>();

	private @Nullable HikariDataSource pool;

	private @Nullable ExecutorService executor;

	private @Nullable Path workDir;

	ServerCopyContender(int parts) {
		this.parts = parts;
	}

	@Override
	public String name() {
		return "server-copy-" + this.parts;
	}

	@Override
	public String description() {
		return "server-side COPY FROM binary files on the server's disk, " + this.parts
				+ " concurrent statement(s), no client encoding";
	}

	@Override
	public int order() {
		return 90 + this.parts;
	}

	@Override
	public boolean needsServerFiles() {
		return true;
	}

	@Override
	public void open(BenchEnvironment environment) {
		Path dir = environment.workDir();
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("no directory the server can read: " + dir);
		}
		this.workDir = dir;
		HikariDataSource ds = environment.newDataSource(name(), this.parts + 1);
		this.pool = ds;
		this.dataSource = ds;
		this.executor = Executors.newFixedThreadPool(this.parts);
	}

	@Override
	protected BenchRow toEntity(BenchRow row) {
		return row;
	}

	@Override
	protected BenchRow toRow(BenchRow entity) {
		return entity;
	}

	@Override
	protected void insert(List<BenchRow> rows) throws Exception {
		List<Path> paths = filesFor(rows);
		ExecutorService pool = this.executor;
		if (pool == null) {
			throw new IllegalStateException("not opened");
		}
		List<Future<?>> running = new ArrayList<>();
		for (Path path : paths) {
			running.add(pool.submit(() -> {
				try (Connection connection = dataSource().getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("COPY " + BenchEnvironment.TABLE + " (" + BenchEnvironment.COLUMNS + ") FROM '"
							+ path.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT binary)");
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
	}

	/** The files of a size, written by {@link #prepare} before the clock starts. */
	private List<Path> filesFor(List<BenchRow> rows) throws IOException {
		List<Path> existing = this.files.get(rows.size());
		if (existing != null) {
			return existing;
		}
		throw new IllegalStateException("files for " + rows.size() + " rows were not written before timing");
	}

	@Override
	public io.databridge.benchmarks.Iteration prepare(io.databridge.benchmarks.WorkloadInput input) throws Exception {
		if (input.workload() == Workload.INSERT && !this.files.containsKey(input.size())) {
			this.files.put(input.size(), write(input.rows()));
		}
		return super.prepare(input);
	}

	private List<Path> write(List<BenchRow> rows) throws IOException {
		Path dir = this.workDir;
		if (dir == null) {
			throw new IllegalStateException("no directory the server can read");
		}
		List<Path> paths = new ArrayList<>();
		int per = (rows.size() + this.parts - 1) / this.parts;
		for (int part = 0; part < this.parts; part++) {
			Path path = dir.resolve("bench-" + rows.size() + "-" + part + "of" + this.parts + ".bin");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
				BinaryCopyWriter writer = new BinaryCopyWriter(out);
				for (BenchRow row : rows.subList(Math.min(rows.size(), part * per),
						Math.min(rows.size(), (part + 1) * per))) {
					writer.write(row);
				}
				writer.finish();
			}
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
			paths.add(path);
		}
		return paths;
	}

	@Override
	public void close() throws IOException {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		if (this.pool != null) {
			this.pool.close();
		}
		for (List<Path> paths : this.files.values()) {
			for (Path path : paths) {
				Files.deleteIfExists(path);
			}
		}
	}

	/** One COPY statement. */
	public static final class One extends ServerCopyContender {

		/** Creates the contender. */
		public One() {
			super(1);
		}

	}

	/** Two concurrent COPY statements. */
	public static final class Two extends ServerCopyContender {

		/** Creates the contender. */
		public Two() {
			super(2);
		}

	}

	/** Four concurrent COPY statements. */
	public static final class Four extends ServerCopyContender {

		/** Creates the contender. */
		public Four() {
			super(4);
		}

	}

}
