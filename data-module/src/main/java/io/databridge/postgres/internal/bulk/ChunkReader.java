package io.databridge.postgres.internal.bulk;

import java.util.Iterator;

import io.databridge.postgres.bulk.BulkInputException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Reads the input of a bulk insert and encodes it, chunk by chunk, on the thread that calls it. Every row gets its
 * position in the input; failures of the input (its iterator throwing, a {@code null} row, a value no codec can
 * write) become {@link DataAccessException}s naming the table and the row. Not thread-safe: only the coordinating
 * thread reads.
 *
 * @param <T> the entity type
 */
final class ChunkReader<T> {

	private final Iterator<? extends T> input;

	private final RowEncoder<T> encoder;

	private final String table;

	private final int chunkBytes;

	private long position;

	private boolean exhausted;

	ChunkReader(Iterator<? extends T> input, RowEncoder<T> encoder, String table, int chunkBytes) {
		this.input = input;
		this.encoder = encoder;
		this.table = table;
		this.chunkBytes = chunkBytes;
	}

	/** The number of rows read so far. */
	long rowsRead() {
		return this.position;
	}

	/**
	 * Encodes rows into a cleared chunk until it holds at least the chunk size, {@code maxRows} rows, or the input
	 * ends.
	 * @return whether the chunk holds any row
	 */
	boolean fill(Chunk chunk, long maxRows) {
		chunk.clear();
		while (chunk.rows < maxRows && chunk.out.size() < this.chunkBytes && hasNext()) {
			T row = next();
			try {
				this.encoder.encode(row, this.position, chunk.out);
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
		return new BulkInputException("Bulk insert into " + this.table + ": the input failed after " + this.position
				+ " rows (" + ex + ")", ex);
	}
}
