package io.databridge.postgres.observation;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One table's statistics from {@code pg_stat_user_tables}, as
 * {@link PgMonitor#tableStatistics(java.util.Collection)} reads them.
 *
 * @param table the table name ({@code relname})
 * @param sequentialScans sequential scans started on the table
 * @param indexScans index scans started on the table
 * @param liveTuples estimated live rows
 * @param deadTuples estimated dead rows
 * @param sinceAutovacuum time since the last autovacuum, {@code null} if never
 * @param sinceAutoanalyze time since the last autoanalyze, {@code null} if never
 */
public record PgTableStatistics(String table, long sequentialScans, long indexScans, long liveTuples, long deadTuples,
		@Nullable Duration sinceAutovacuum, @Nullable Duration sinceAutoanalyze) {

}
