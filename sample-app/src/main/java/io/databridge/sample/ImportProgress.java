package io.databridge.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.databridge.postgres.bulk.BulkProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Logs the progress of bulk imports: rows per partition as they are sent, and a running
 * total every 100,000 rows. data-bridge calls it from the partitions' virtual threads, so
 * it only uses atomics.
 */
@Component
public class ImportProgress implements BulkProgressListener {

	private static final Logger logger = LoggerFactory.getLogger(ImportProgress.class);

	private static final long STEP = 100_000;

	private final AtomicLong total = new AtomicLong();

	@Override
	public void rowsWritten(String table, int partition, int rows) {
		long before = this.total.getAndAdd(rows);
		long after = before + rows;
		if (after / STEP != before / STEP) {
			logger.info("{}: {} rows sent so far (partition {} just sent {})", table, after, partition, rows);
		}
	}

	/** Rows sent since the application started. */
	public long total() {
		return this.total.get();
	}

}
