package io.databridge.gettingstarted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's getting-started project: its files under {@code src/it/journey}, and the
 * blocks of the README that show them. A block is the fenced code block right after a
 * {@code <!-- journey: path -->} marker.
 */
final class Journey {

	private static final Pattern BLOCK = Pattern.compile("<!-- journey: (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
			Pattern.DOTALL);

	private Journey() {
	}

	static Path root() {
		return Path.of(System.getProperty("databridge.root", "..")).toAbsolutePath().normalize();
	}

	static Path project() {
		return root().resolve("getting-started/src/it/journey");
	}

	/** README blocks by the journey path they show, in README order. */
	static Map<String, String> readmeBlocks() {
		Map<String, String> blocks = new LinkedHashMap<>();
		Matcher matcher = BLOCK.matcher(read(root().resolve("README.md")));
		while (matcher.find()) {
			if (blocks.put(matcher.group(1), matcher.group(2)) != null) {
				throw new IllegalStateException("README shows " + matcher.group(1) + " twice");
			}
		}
		return blocks;
	}

	/** Every file of the journey project, as paths relative to it. */
	static List<String> files() {
		Path project = project();
		try (Stream<Path> paths = Files.walk(project)) {
			return paths.filter(Files::isRegularFile)
				.map((path) -> project.relativize(path).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
