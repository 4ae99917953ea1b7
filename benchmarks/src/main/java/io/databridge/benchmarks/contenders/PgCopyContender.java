package io.databridge.benchmarks.contenders;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.BinaryCopyWriter;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Single-connection pgjdbc {@code COPY ... FROM STDIN (FORMAT binary)} with a
 * hand-written encoder ({@link BinaryCopyWriter}) writing through a 64 KiB buffer into
 * {@code PGCopyOutputStream}. Inserts only.
 */
public final class PgCopyContender extends CopyOnlyContender {

	static final String COPY = "COPY " + BenchEnvironment.TABLE + " (" + BenchEnvironment.COLUMNS
			+ ") FROM STDIN (FORMAT binary)";

	private @Nullable HikariDataSource pool;

	@Override
	public String name() {
		return "pgjdbc-copy";
	}

	@Override
	public String description() {
		return "pgjdbc CopyManager, COPY FROM STDIN (FORMAT binary), one connection, hand-written encoder";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public void open(BenchEnvironment environment) {
		HikariDataSource ds = environment.newDataSource(name(), 2);
		this.pool = ds;
		this.dataSource = ds;
	}

	@Override
	protected BenchRow toEntity(BenchRow row) {
		return row;
	}

	@Override
	protected BenchRow toRow(BenchRow entity) {
		return entity;
	}

	@Override
	protected void insert(List<BenchRow> rows) throws SQLException, IOException {
		try (Connection connection = dataSource().getConnection()) {
			PGConnection pg = connection.unwrap(PGConnection.class);
			PGCopyOutputStream copy = new PGCopyOutputStream(pg, COPY);
			try {
				BinaryCopyWriter writer = new BinaryCopyWriter(new BufferedOutputStream(copy, 65_536));
				for (BenchRow row : rows) {
					writer.write(row);
				}
				writer.finish();
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
