package io.databridge.postgres.internal.bulk;

import java.util.Arrays;

/**
 * Where the rows of one COPY come from in the input: for each chunk sent, the COPY line
 * of its first row and that row's input position. The server names a failing row by its
 * line in the COPY (from 1); {@link #inputRow} turns that into the row's position in the
 * whole input. Two longs per chunk; not thread-safe (one partition's thread).
 */
final class RowOrigins {

	/** Pairs of (lines before the chunk, input position of its first row). */
	private long[] starts = new long[16];

	private int size;

	private long lines;

	/** Records a chunk of {@code rows} rows whose first row is at {@code first}. */
	void add(long first, int rows) {
		if (this.size + 2 > this.starts.length) {
			this.starts = Arrays.copyOf(this.starts, this.starts.length * 2);
		}
		this.starts[this.size++] = this.lines;
		this.starts[this.size++] = first;
		this.lines += rows;
	}

	/**
	 * The input position of the row on a line of the COPY.
	 * @param line the line, from 1
	 * @return the position, or -1 when no chunk covers the line
	 */
	long inputRow(long line) {
		long index = line - 1;
		if (index < 0 || index >= this.lines) {
			return -1;
		}
		for (int i = this.size - 2; i >= 0; i -= 2) {
			if (this.starts[i] <= index) {
				return this.starts[i + 1] + (index - this.starts[i]);
			}
		}
		return -1;
	}

}
