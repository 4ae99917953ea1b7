package io.databridge.postgres.internal.bulk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.databridge.postgres.bulk.BulkInputException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Reads the input of a bulk insert and encodes it, chunk by chunk, on the thread that
 * calls it. Every row gets its position in the input; failures of the input (its iterator
 * throwing, a {@code null} row, a value no codec can write) become
 * {@link DataAccessException}s naming the table and the row. Not thread-safe: only the
 * coordinating thread reads.
 *
 * @param <T> the entity type
 */
final class ChunkReader<T> {

	private final Iterator<? extends T> input;

	private final RowEncoder<T> encoder;

	private final String table;

	private final int chunkBytes;

	private final long start;

	private long position;

	private boolean exhausted;

	ChunkReader(Iterator<? extends T> input, RowEncoder<T> encoder, String table, int chunkBytes) {
		this(input, encoder, table, chunkBytes, 0);
	}

	/**
	 * A reader of part of the input.
	 * @param start the position in the whole input of the first row this reader reads
	 * (rows are named and numbered by their position in the whole input)
	 */
	ChunkReader(Iterator<? extends T> input, RowEncoder<T> encoder, String table, int chunkBytes, long start) {
		this.input = input;
		this.encoder = encoder;
		this.table = table;
		this.chunkBytes = chunkBytes;
		this.start = start;
		this.position = start;
	}

	/**
	 * Readers of the contiguous segments of a random-access list that this reader has not
	 * read yet, one per partition: each partition encodes its own segment, so encoding
	 * runs in parallel too, and each backend inserts a contiguous run of the input (for
	 * ascending keys, its own region of each index, as with one server-side COPY per
	 * file).
	 * @param list the list this reader reads, from its start
	 * @param count how many segments
	 * @return the segments' readers, none empty
	 */
	List<ChunkReader<T>> segments(List<? extends T> list, int count) {
		List<ChunkReader<T>> segments = new ArrayList<>(count);
		int from = Math.toIntExact(this.position);
		int size = list.size();
		int per = Math.max(1, (size - from + count - 1) / count);
		for (int begin = from; begin < size; begin += per) {
			int end = Math.min(size, begin + per);
			segments.add(new ChunkReader<>(list.subList(begin, end).iterator(), this.encoder, this.table,
					this.chunkBytes, begin));
		}
		return segments;
	}

	/** The number of rows read so far. */
	long rowsRead() {
		return this.position - this.start;
	}

	/**
	 * Encodes rows into a cleared chunk until it holds at least the chunk size,
	 * {@code maxRows} rows, or the input ends.
	 * @return whether the chunk holds any row
	 */
	boolean fill(Chunk chunk, long maxRows) {
		chunk.clear(this.position);
		while (chunk.rows < maxRows && chunk.out.size() < this.chunkBytes && hasNext()) {
			T row = next();
			try {
				this.encoder.encode(row, this.position, chunk.out);
			}
			catch (DataIntegrityViolationException ex) {
				// a value that does not fit its column (the codec names the column)
				throw new DataIntegrityViolationException("Bulk insert into " + this.table + ": row " + this.position
						+ ": " + ex.getMessage() + "; nothing was written", ex);
			}
			catch (DataAccessException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new BulkInputException("Bulk insert into " + this.table + ": cannot encode row " + this.position
						+ " (" + ex + "); nothing was written", ex);
			}
			this.position++;
			chunk.rows++;
		}
		return chunk.rows > 0;
	}

	private boolean hasNext() {
		if (this.exhausted) {
			return false;
		}
		try {
			this.exhausted = !this.input.hasNext();
		}
		catch (RuntimeException ex) {
			throw inputFailed(ex);
		}
		return !this.exhausted;
	}

	private T next() {
		T row;
		try {
			row = this.input.next();
		}
		catch (RuntimeException ex) {
			throw inputFailed(ex);
		}
		if (row == null) {
			throw new InvalidDataAccessApiUsageException(
					"Bulk insert into " + this.table + ": row " + this.position + " is null");
		}
		return row;
	}

	private BulkInputException inputFailed(RuntimeException ex) {
		return new BulkInputException(
				"Bulk insert into " + this.table + ": the input failed after " + this.position + " rows (" + ex + ")",
				ex);
	}

}
