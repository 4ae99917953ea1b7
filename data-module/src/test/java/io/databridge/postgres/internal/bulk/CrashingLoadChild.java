package io.databridge.postgres.internal.bulk;

import java.util.stream.LongStream;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.Table;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.data.annotation.Id;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * The main class of the child JVMs of {@link BulkInsertCrashIntegrationTests}, started
 * with the test class path. {@code load URL USER PASSWORD}: runs a crash-consistent load
 * of 50,000 rows in 2 partitions into {@code crash_row}, prints {@code PREPARED} once
 * both partitions have prepared and then waits to be killed.
 * {@code recover URL USER PASSWORD}: runs the in-doubt recovery once, as an application's
 * start does, prints what it settled and exits.
 */
public final class CrashingLoadChild {

	@Table("crash_row")
	record Row(@Id Long id, String name) {
	}

	private CrashingLoadChild() {
	}

	public static void main(String[] args) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[1]);
		dataSource.setUser(args[2]);
		if (args.length > 3) {
			dataSource.setPassword(args[3]);
		}
		dataSource.setApplicationName("bulk-crash-child");
		BulkSettings settings = new BulkSettings();
		settings.setParallelism(2);
		settings.setChunkBytes(4096);
		if ("recover".equals(args[0])) {
			// what an application's start runs, without the rest of its start
			InDoubtResolution resolution = new DefaultBulkInserter(dataSource, new SQLStateSQLExceptionTranslator(),
					settings, BulkProgressListener.NONE)
				.recoverInDoubtTransactions();
			System.out.println("RECOVERED " + resolution.rolledBack().size() + " " + resolution.committed().size());
			return;
		}
		PgTemplate template = new PgTemplate(dataSource);
		template.setBulkSettings(settings);
		template.unwrap(DefaultBulkInserter.class).afterPrepared(() -> {
			System.out.println("PREPARED");
			System.out.flush();
			try {
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		template.insertAll(LongStream.rangeClosed(1, 50_000).mapToObj(i -> new Row(i, "row-" + i)).toList(), Row.class,
				BulkOptions.defaults().atomicity(Atomicity.CRASH_CONSISTENT));
		System.out.println("NOT KILLED");
	}

}
