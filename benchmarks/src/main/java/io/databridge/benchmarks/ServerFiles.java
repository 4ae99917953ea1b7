package io.databridge.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * Finds out whether the PostgreSQL server can read files this process writes, which the
 * server-side COPY ceiling needs: the server must run on this machine and the user must
 * be allowed {@code COPY FROM} a file.
 */
final class ServerFiles {

	private ServerFiles() {
	}

	/**
	 * Creates a directory the server can read and proves it with a one-row COPY from a
	 * probe file.
	 * @param connection a connection on the benchmark database
	 * @param jdbcUrl its URL (a remote host means no shared disk)
	 * @return the directory, or {@code null} with a message on standard error when the
	 * server cannot read it
	 */
	static @Nullable Path probe(Connection connection, String jdbcUrl) {
		String host = URI.create(jdbcUrl.substring("jdbc:".length())).getHost();
		if (host != null && !host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("::1")) {
			System.err.println("[bench] server-side COPY ceiling skipped: the server runs on " + host
					+ ", which cannot read files written here");
			return null;
		}
		try {
			Path dir = Files.createDirectories(
					Path.of(System.getProperty("java.io.tmpdir"), "databridge-bench-" + ProcessHandle.current().pid()));
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			// removed by delete() at the end; this covers a run that is interrupted
			dir.toFile().deleteOnExit();
			Path probe = dir.resolve("probe.txt");
			Files.writeString(probe, "1\n");
			Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TEMP TABLE bench_probe (x int)");
				statement
					.execute("COPY bench_probe FROM '" + probe.toAbsolutePath().toString().replace("'", "''") + "'");
				statement.execute("DROP TABLE bench_probe");
			}
			Files.delete(probe);
			return dir;
		}
		catch (IOException | SQLException ex) {
			System.err.println("[bench] server-side COPY ceiling skipped: the server cannot read files written here ("
					+ ex.getMessage() + ")");
			return null;
		}
	}

	/**
	 * Deletes the directory and what is left in it.
	 * @param dir the directory from {@link #probe}
	 */
	static void delete(@Nullable Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			System.err.println("[bench] could not delete " + dir + ": " + ex.getMessage());
		}
	}

}
