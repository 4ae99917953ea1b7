package io.databridge.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the figures came from: CPU, memory, JDK, PostgreSQL and library versions, and the
 * load of the machine.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	static Map<String, String> describe(Connection connection) throws SQLException {
		Map<String, String> info = new LinkedHashMap<>();
		info.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		info.put("Memory", String.format("%.1f GiB", memory / (1024.0 * 1024 * 1024)));
		info.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
				+ System.getProperty("os.arch") + ")");
		info.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + ")");
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT version(), current_setting('shared_buffers'), "
						+ "current_setting('synchronous_commit'), current_setting('max_wal_size'), "
						+ "current_setting('max_prepared_transactions')")) {
			rs.next();
			info.put("PostgreSQL",
					rs.getString(1) + "; shared_buffers " + rs.getString(2) + ", synchronous_commit " + rs.getString(3)
							+ ", max_wal_size " + rs.getString(4) + ", max_prepared_transactions " + rs.getString(5)
							+ " (data-bridge's parallel all-or-nothing inserts use two-phase commit when it "
							+ "is at least their parallelism, else one COPY); same machine, over TCP localhost");
		}
		info.put("pgjdbc", org.postgresql.util.DriverInfo.DRIVER_VERSION);
		info.put("Spring Data JDBC", versionOf(org.springframework.data.jdbc.core.JdbcAggregateTemplate.class));
		info.put("Hibernate ORM", org.hibernate.Version.getVersionString());
		info.put("HikariCP", versionOf(com.zaxxer.hikari.HikariDataSource.class));
		return info;
	}

	/** The 1-minute load average, or -1 when unknown. */
	static double loadAverage1() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)";
		}
		catch (IOException | RuntimeException ex) {
			double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			return load < 0 ? "unknown" : String.format("%.2f (1 min)", load);
		}
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: the architecture is all we know
		}
		return System.getProperty("os.arch");
	}

	private static String versionOf(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		if (version != null) {
			return version;
		}
		String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
		String jar = location.substring(location.lastIndexOf('/') + 1);
		return jar.isEmpty() ? "unknown" : jar;
	}

}
