package io.databridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rewrites the generated regions of the repository's README from the latest full run, so
 * that no figure there is typed by hand: the benchmark table between {@value #BEGIN} and
 * {@value #END}, and the bulk modes' table between {@value #BULK_BEGIN} and
 * {@value #BULK_END}. Everything outside the markers stays as it is.
 */
final class ReadmeTable {

	static final String BEGIN = "<!-- benchmark-table:begin (written by benchmarks/run.sh full; do not edit) -->";

	static final String END = "<!-- benchmark-table:end -->";

	static final String BULK_BEGIN = "<!-- bulk-modes-table:begin (written by benchmarks/run.sh full; do not edit) -->";

	static final String BULK_END = "<!-- bulk-modes-table:end -->";

	private ReadmeTable() {
	}

	/** The text between the benchmark-table markers. */
	static String section(BenchConfig config, RoundReport rounds, Instant started, String loadBefore,
			String loadAfter) {
		return origin(started, loadBefore, loadAfter)
				+ ". Each figure is the median over the interleaved rounds of the ratio within a round; "
				+ "the full report is `benchmarks/results/results.md`.\n\n" + rounds.table(config)
				+ "\nInsert time by mode (median over the rounds of each round's median):\n\n" + rounds.modes(config)
				+ "\nfindById per lookup (median over the rounds):\n\n" + rounds.lookups(config)
				+ "\nLoad average per round:\n\n" + rounds.loads();
	}

	/** The text between the bulk-modes-table markers. */
	static String bulkSection(BenchConfig config, RoundReport rounds, Instant started, String loadBefore,
			String loadAfter) {
		return origin(started, loadBefore, loadAfter) + ". Ratios are the median over the interleaved rounds of the "
				+ "peer's time ÷ the mode's time within a round (above 1×: the mode is faster); the best multi-session "
				+ "server COPY is the faster of 2 and 4 sessions in each round; vs asyncpg compares with "
				+ "`copy_records_to_table`.\n\n" + rounds.bulkModes(config);
	}

	private static String origin(Instant started, String loadBefore, String loadAfter) {
		return "From `benchmarks/run.sh full` started " + started.truncatedTo(ChronoUnit.MINUTES)
				+ "; load average before " + loadBefore + ", after " + loadAfter;
	}

	/**
	 * Replaces the text between each pair of markers.
	 * @param readme the README
	 * @param section the benchmark table's text
	 * @param bulkSection the bulk modes' table's text
	 * @throws IOException when the README cannot be read or written
	 * @throws IllegalStateException naming the marker that is missing (nothing is written
	 * then)
	 */
	static void update(Path readme, String section, String bulkSection) throws IOException {
		String text = Files.readString(readme);
		text = replace(readme, text, BEGIN, END, section);
		text = replace(readme, text, BULK_BEGIN, BULK_END, bulkSection);
		Files.writeString(readme, text);
	}

	private static String replace(Path readme, String text, String begin, String end, String section) {
		int from = text.indexOf(begin);
		if (from < 0) {
			throw new IllegalStateException(readme + " lacks the marker " + begin);
		}
		int to = text.indexOf(end, from);
		if (to < 0) {
			throw new IllegalStateException(readme + " lacks the marker " + end + " after " + begin);
		}
		return text.substring(0, from + begin.length()) + "\n" + section + "\n" + text.substring(to);
	}

}
