package io.databridge.postgres.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyFloorsTests {

	@Test
	void comparesVersionsByTheirNumericParts() {
		assertThat(DependencyFloors.compare("7.0.2", "7.1.0")).isNegative();
		assertThat(DependencyFloors.compare("7.1.0", "7.1.0")).isZero();
		assertThat(DependencyFloors.compare("7.1", "7.1.0")).isZero();
		assertThat(DependencyFloors.compare("42.7.9", "42.7.12")).isNegative();
		assertThat(DependencyFloors.compare("42.7.14", "42.7.12")).isPositive();
		assertThat(DependencyFloors.compare("8.0.0-SNAPSHOT", "7.1.0")).isPositive();
		assertThat(DependencyFloors.compare("42.7.12.jre7", "42.7.12")).isZero();
	}

	@Test
	void warnsAboutAnOldHikariNamingTheVersionTheFloorTheReasonAndTheFix() {
		assertThat(DependencyFloors.check("7.0.2", "42.7.14"))
			.contains("HikariCP 7.0.2", ">= 7.1.0", "virtual threads", "io.databridge:data-bridge-bom",
					"<hikaricp.version>7.1.0</hikaricp.version>")
			.doesNotContain("pgjdbc 42");
	}

	@Test
	void warnsAboutBothInOneMessage() {
		assertThat(DependencyFloors.check("5.1.0", "42.7.3")).contains("HikariCP 5.1.0", "pgjdbc 42.7.3", ">= 42.7.12",
				"COPY");
	}

	@Test
	void staysQuietAtOrAboveTheFloorsOrWhenAVersionIsUnknown() {
		assertThat(DependencyFloors.check("7.1.0", "42.7.12")).isNull();
		assertThat(DependencyFloors.check(null, null)).isNull();
	}

	@Test
	void theBuildsOwnClassPathIsAboveTheFloors() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(classLoader.getResource("META-INF/maven/com.zaxxer/HikariCP/pom.properties")).isNotNull();
		assertThat(DependencyFloors.check("7.1.0", org.postgresql.util.DriverInfo.DRIVER_VERSION)).isNull();
	}

}
