package io.databridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rewrites the benchmark table of the repository's README from the latest full run,
 * between the markers {@value #BEGIN} and {@value #END}, so that no figure there is typed
 * by hand. Everything outside the markers stays as it is.
 */
final class ReadmeTable {

	static final String BEGIN = "<!-- benchmark-table:begin (written by benchmarks/run.sh full; do not edit) -->";

	static final String END = "<!-- benchmark-table:end -->";

	private ReadmeTable() {
	}

	/** The text between the markers. */
	static String section(BenchConfig config, RoundReport rounds, Instant started, String loadBefore,
			String loadAfter) {
		return "From `benchmarks/run.sh full` started " + started.truncatedTo(ChronoUnit.MINUTES)
				+ "; load average before " + loadBefore + ", after " + loadAfter
				+ ". Each figure is the median over the interleaved rounds of the ratio within a round; "
				+ "the full report is `benchmarks/results/results.md`.\n\n" + rounds.table(config)
				+ "\nInsert time by `parallelism` (median over the rounds of each round's median, ms):\n\n"
				+ rounds.parallelism(config) + "\nLoad average per round:\n\n" + rounds.loads();
	}

	/**
	 * Replaces the text between the markers.
	 * @throws IOException when the README cannot be read or written
	 * @throws IllegalStateException when the markers are missing
	 */
	static void update(Path readme, String section) throws IOException {
		String text = Files.readString(readme);
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(readme + " has no benchmark-table markers");
		}
		Files.writeString(readme,
				text.substring(0, begin + BEGIN.length()) + "\n" + section + "\n" + text.substring(end));
	}

}
