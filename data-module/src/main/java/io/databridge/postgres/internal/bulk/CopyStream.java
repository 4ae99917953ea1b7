package io.databridge.postgres.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

import io.databridge.postgres.bulk.BulkProgressListener;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Runs one {@code COPY ... FROM STDIN (FORMAT binary)} on a connection, feeding it the
 * chunks of a {@link ChunkSource}: header, each chunk's bytes as they come, trailer, then
 * {@code endCopy}, which returns the server's row count. Whatever ends the loop early (an
 * exception of the source, an abort, an I/O error), the {@code finally} block cancels the
 * unfinished COPY with a CopyFail message, so the server rolls the statement back and
 * pgjdbc releases the connection's lock; an error of the cancel itself (the backend is
 * gone) is attached to the original exception. Stateless.
 */
final class CopyStream {

	private CopyStream() {
	}

	/**
	 * Copies every chunk of a source.
	 * @param connection the connection (any wrapper of a pgjdbc connection)
	 * @param sql the COPY statement
	 * @param source the rows
	 * @param progress told after each chunk
	 * @param table the table name, for progress
	 * @param partition the partition number, for progress
	 * @param bytes counts the bytes handed to the COPY
	 * @return the number of rows the server copied
	 */
	static long copy(Connection connection, String sql, ChunkSource source, BulkProgressListener progress, String table,
			int partition, LongAdder bytes) throws SQLException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		Throwable failure = null;
		try {
			copy.writeToCopy(RowEncoder.HEADER, 0, RowEncoder.HEADER.length);
			bytes.add(RowEncoder.HEADER.length);
			Chunk chunk;
			while ((chunk = source.next()) != null) {
				int rows = chunk.rows;
				try {
					copy.writeToCopy(chunk.out.array(), 0, chunk.out.size());
					bytes.add(chunk.out.size());
				}
				finally {
					source.done(chunk);
				}
				progress.rowsWritten(table, partition, rows);
			}
			copy.writeToCopy(RowEncoder.TRAILER, 0, RowEncoder.TRAILER.length);
			bytes.add(RowEncoder.TRAILER.length);
			return copy.endCopy();
		}
		catch (SQLException | RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			if (copy.isActive()) {
				try {
					copy.cancelCopy();
				}
				catch (SQLException | RuntimeException ex) {
					if (failure != null) {
						failure.addSuppressed(ex);
					}
				}
			}
		}
	}

}
