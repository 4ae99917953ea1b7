package io.databridge.postgres.internal.bulk;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DuplicateKeyException;

/**
 * The failure of a partition whose COPY waited for a lock held by a prepared transaction
 * of its own load: two rows of the load share a unique key, and the second waits for the
 * first's transaction, which is only resolved after every partition has finished. The
 * watch ({@link BlockedPartitionWatch}) cancels the waiting statement; the server then
 * reports the index and the COPY line it was at (its error context), but not the key's
 * value. This turns that into a {@link DuplicateKeyException} naming the table, the index
 * and the row's position in the input. Stateless.
 */
final class DuplicateInLoad {

	private static final Pattern INDEX = Pattern.compile("relation \"([^\"]+)\"");

	private static final Pattern LINE = Pattern.compile("line (\\d+)");

	private DuplicateInLoad() {
	}

	/**
	 * The exception for a partition cancelled while blocked.
	 * @param table the table
	 * @param partition the partition
	 * @param cancelled what the partition's COPY failed with
	 * @param origins where the partition's rows come from
	 */
	static DuplicateKeyException of(String table, int partition, Throwable cancelled, RowOrigins origins) {
		String where = where(cancelled);
		Matcher index = INDEX.matcher(where);
		Matcher line = LINE.matcher(where);
		long row = line.find() ? origins.inputRow(Long.parseLong(line.group(1))) : -1;
		return new DuplicateKeyException("Bulk insert into " + table + ": "
				+ (row >= 0 ? "row " + row + " of the input" : "a row of partition " + partition)
				+ " duplicates the key of another row of the same load"
				+ (index.find() ? " in unique index " + index.group(1) : "")
				+ " (it waited for that row's prepared transaction and was cancelled; PostgreSQL names no key "
				+ "value here); nothing was written", cancelled);
	}

	private static String where(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				if (message != null && message.getWhere() != null) {
					return message.getWhere();
				}
			}
			if (t instanceof SQLException sql && sql.getNextException() != null) {
				return where(sql.getNextException());
			}
		}
		return "";
	}

}
