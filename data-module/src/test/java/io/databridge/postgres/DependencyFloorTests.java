package io.databridge.postgres;

import java.io.InputStream;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.DriverInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver and pool on the classpath are at least the versions data-bridge relies on:
 * pgjdbc 42.7.12 (COPY lock release and isValid after a broken COPY) and HikariCP 7.1.0
 * (virtual threads).
 */
class DependencyFloorTests {

	@Test
	void pgjdbcIsAtLeast42712() {
		int version = DriverInfo.MAJOR_VERSION * 10_000 + DriverInfo.MINOR_VERSION * 100 + DriverInfo.PATCH_VERSION;
		assertThat(version).as(DriverInfo.DRIVER_FULL_NAME).isGreaterThanOrEqualTo(4_20_712);
	}

	@Test
	void hikariIsAtLeast710() throws Exception {
		Properties pom = new Properties();
		try (InputStream in = HikariDataSource.class
			.getResourceAsStream("/META-INF/maven/com.zaxxer/HikariCP/pom.properties")) {
			assertThat(in).as("HikariCP's pom.properties").isNotNull();
			pom.load(in);
		}
		String version = pom.getProperty("version");
		String[] parts = version.split("[.-]");
		int numeric = Integer.parseInt(parts[0]) * 10_000 + Integer.parseInt(parts[1]) * 100
				+ Integer.parseInt(parts[2]);
		assertThat(numeric).as("HikariCP " + version).isGreaterThanOrEqualTo(7_01_00);
	}

}
