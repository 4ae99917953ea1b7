package io.databridge.gettingstarted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A new user's first hour, as the README tells it: the journey project (a Boot 4.1
 * parent, Java 21, the BOM and the starter, the README's code) is built by its own Maven
 * outside the reactor, against a repository under {@code target/} that holds only this
 * build's artifacts (everything else is read from the user's local repository, never
 * written there). Its {@code @DataPgTest} test must pass, its jar must carry HikariCP
 * 7.1.0 or later, and started, it must save and read a user with a {@code @Jsonb}
 * profile.
 */
class GettingStartedIntegrationTests {

	/** Reactor modules the journey consumes: folder, artifact, whether it has a jar. */
	private static final List<String[]> MODULES = List.of(new String[] { ".", "data-bridge-parent" },
			new String[] { "bom", "data-bridge-bom" }, new String[] { "data-module", "data-bridge-postgres" },
			new String[] { "autoconfigure", "data-bridge-postgres-autoconfigure" },
			new String[] { "starter", "data-bridge-postgres-spring-boot-starter" },
			new String[] { "test-autoconfigure", "data-bridge-postgres-test" },
			new String[] { "test-support", "data-bridge-postgres-test-support" });

	private static final Pattern HIKARI = Pattern.compile("BOOT-INF/lib/HikariCP-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");

	private final Path root = Journey.root();

	private final String version = System.getProperty("databridge.version", "0.1.0-SNAPSHOT");

	private final Path work = this.root.resolve("getting-started/target/journey-it");

	@Test
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void aFreshProjectWithTheBomAndTheStarterBuildsPassesItsSliceTestAndRuns() throws Exception {
		assumeTrue(Files.exists(this.root.resolve("data-module/target/data-bridge-postgres-" + this.version + ".jar")),
				"needs the reactor's packaged jars: run ./mvnw verify (not test)");
		deleteRecursively(this.work);
		Path repository = this.work.resolve("repository");
		Path app = this.work.resolve("app");
		installReactorArtifacts(repository);
		copyRecursively(Journey.project(), app);
		copyRecursively(this.root.resolve(".mvn/wrapper"), app.resolve(".mvn/wrapper"));
		Files.copy(this.root.resolve("mvnw"), app.resolve("mvnw"), StandardCopyOption.COPY_ATTRIBUTES);
		TestDatabase database = TestDatabase.create("journey");
		try {
			Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"),
					"SPRING_DATASOURCE_URL", database.jdbcUrl(), "SPRING_DATASOURCE_USERNAME", database.username(),
					"SPRING_DATASOURCE_PASSWORD", (database.password() != null) ? database.password() : "");
			Path buildLog = this.work.resolve("build.log");
			int build = run(app, environment, buildLog, "./mvnw", "-B", "-ntp", "verify",
					"-Dmaven.repo.local=" + repository,
					"-Dmaven.repo.local.tail=" + System.getProperty("databridge.localRepository",
							System.getProperty("user.home") + "/.m2/repository"));
			assertThat(build).as("journey build (%s):%n%s", buildLog, tail(buildLog)).isZero();
			assertThat(Journey.read(app.resolve("target/surefire-reports/TEST-com.example.app.UserRepoTests.xml")))
				.contains("tests=\"1\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
			Path jar = app.resolve("target/app-0.0.1-SNAPSHOT.jar");
			assertThat(hikariVersion(jar)).as("HikariCP in %s", jar)
				.satisfies((v) -> assertThat(v[0] * 1_000_000 + v[1] * 1_000 + v[2]).isGreaterThanOrEqualTo(7_001_000));
			Path runLog = this.work.resolve("run.log");
			int started = run(app, environment, runLog, System.getProperty("java.home") + "/bin/java", "-jar",
					jar.toString());
			assertThat(started).as("java -jar (%s):%n%s", runLog, tail(runLog)).isZero();
			assertThat(Journey.read(runLog)).containsPattern("Saved Ada \\(id \\d+\\) from London; active users: 1")
				.doesNotContain("data-bridge found");
			assertThat(database.queryForString("select profile->>'city' from users where email = 'ada@example.com'"))
				.isEqualTo("London");
		}
		finally {
			database.drop();
		}
	}

	private void installReactorArtifacts(Path repository) throws IOException {
		for (String[] module : MODULES) {
			Path target = repository.resolve("io/databridge/" + module[1] + "/" + this.version);
			Files.createDirectories(target);
			String base = module[1] + "-" + this.version;
			Files.copy(this.root.resolve(module[0]).resolve("pom.xml"), target.resolve(base + ".pom"));
			Path jar = this.root.resolve(module[0]).resolve("target/" + base + ".jar");
			if (Files.exists(jar)) {
				Files.copy(jar, target.resolve(base + ".jar"));
			}
		}
	}

	private static int run(Path directory, Map<String, String> environment, Path log, String... command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(15, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private static int[] hikariVersion(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.stream().map((entry) -> HIKARI.matcher(entry.getName())).filter(Matcher::matches).map((m) -> {
				return new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
						Integer.parseInt(m.group(3)) };
			}).findFirst().orElseThrow(() -> new AssertionError("no HikariCP jar in " + jar));
		}
	}

	private static String tail(Path log) {
		List<String> lines = Journey.read(log).lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static void copyRecursively(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
