package io.databridge.gettingstarted;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's getting-started blocks are the journey project's files, character for
 * character, and the README shows every one of them: editing either alone fails the
 * build. {@link GettingStartedIntegrationTests} builds and runs that project.
 */
class ReadmeJourneyTests {

	@Test
	void everyJourneyFileIsShownInTheReadmeExactly() {
		Map<String, String> blocks = Journey.readmeBlocks();
		assertThat(blocks.keySet()).as("files shown by the README's getting-started")
			.containsExactlyInAnyOrderElementsOf(Journey.files());
		blocks.forEach((path, block) -> assertThat(block)
			.as("README block for %s (getting-started/src/it/journey/%s)", path, path)
			.isEqualTo(Journey.read(Journey.project().resolve(path)).stripTrailing()));
	}

}
