package io.databridge.postgres.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks, once at start-up, that the HikariCP and pgjdbc on the class path are at least
 * the versions data-bridge is built and tested with, and logs one WARN naming what is
 * below its floor, why it matters and how to fix it. Spring Boot 4.1.2's dependency
 * management brings HikariCP 7.0.2, so an application that does not import
 * {@code data-bridge-bom} before Boot's BOM gets it silently.
 */
final class DependencyFloors {

	static final String HIKARI_FLOOR = "7.1.0";

	static final String PGJDBC_FLOOR = "42.7.12";

	private static final Log logger = LogFactory.getLog(DependencyFloors.class);

	private DependencyFloors() {
	}

	/** Logs one WARN when HikariCP or pgjdbc on the class path is below its floor. */
	static void warnIfBelow(ClassLoader classLoader) {
		String message = check(mavenVersion(classLoader, "com.zaxxer", "HikariCP"), pgjdbcVersion(classLoader));
		if (message != null) {
			logger.warn(message);
		}
	}

	/**
	 * The warning for the given versions ({@code null}: not on the class path or not
	 * known), or {@code null} when both are at or above their floors.
	 */
	static @Nullable String check(@Nullable String hikari, @Nullable String pgjdbc) {
		List<String> below = new ArrayList<>();
		if (hikari != null && compare(hikari, HIKARI_FLOOR) < 0) {
			below.add("HikariCP " + hikari + " (needs >= " + HIKARI_FLOOR
					+ ": earlier versions pin virtual threads to their carrier while waiting for a connection)");
		}
		if (pgjdbc != null && compare(pgjdbc, PGJDBC_FLOOR) < 0) {
			below.add("pgjdbc " + pgjdbc + " (needs >= " + PGJDBC_FLOOR
					+ ": earlier versions can lock up a connection in COPY and report broken connections as valid)");
		}
		if (below.isEmpty()) {
			return null;
		}
		return "data-bridge found " + String.join(" and ", below) + " on the class path. Fix: import "
				+ "io.databridge:data-bridge-bom before Spring Boot's BOM in <dependencyManagement>; with "
				+ "spring-boot-starter-parent set the properties <hikaricp.version>" + HIKARI_FLOOR
				+ "</hikaricp.version> and <postgresql.version>" + PGJDBC_FLOOR
				+ "</postgresql.version> (or later), as the parent's own management wins over imported BOMs";
	}

	/**
	 * Compares dotted versions by their numeric parts ({@code 7.0.2 < 7.1.0},
	 * {@code 42.7.12 > 42.7.9}); a qualifier after a part ({@code -SNAPSHOT}) is ignored.
	 */
	static int compare(String version, String floor) {
		String[] a = version.split("[.-]");
		String[] b = floor.split("[.-]");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? leadingNumber(a[i]) : 0;
			int y = (i < b.length) ? leadingNumber(b[i]) : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

	private static int leadingNumber(String part) {
		int end = 0;
		while (end < part.length() && Character.isDigit(part.charAt(end))) {
			end++;
		}
		return (end == 0) ? 0 : Integer.parseInt(part.substring(0, Math.min(end, 9)));
	}

	/**
	 * pgjdbc's jar has no Maven properties; its version is a constant, read reflectively.
	 */
	private static @Nullable String pgjdbcVersion(ClassLoader classLoader) {
		try {
			Class<?> driverInfo = Class.forName("org.postgresql.util.DriverInfo", false, classLoader);
			return (String) driverInfo.getField("DRIVER_VERSION").get(null);
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
			return null;
		}
	}

	private static @Nullable String mavenVersion(ClassLoader classLoader, String groupId, String artifactId) {
		URL url = classLoader.getResource("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
		if (url == null) {
			return null;
		}
		try (InputStream in = url.openStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			return null;
		}
	}

}
