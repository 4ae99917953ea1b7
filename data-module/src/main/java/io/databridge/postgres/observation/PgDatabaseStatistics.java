package io.databridge.postgres.observation;

/**
 * The current database's cumulative statistics from {@code pg_stat_database}, as
 * {@link PgMonitor#databaseStatistics()} reads them. Counters count since the server's
 * statistics were last reset.
 *
 * @param blocksHit buffer hits ({@code blks_hit})
 * @param blocksRead blocks read from disk or the OS cache ({@code blks_read})
 * @param commits committed transactions
 * @param rollbacks rolled back transactions
 * @param deadlocks deadlocks detected
 * @param conflicts queries cancelled by recovery conflicts (standbys only)
 * @param tempFiles temporary files written
 * @param tempBytes bytes written to temporary files
 * @param tuplesReturned rows returned by sequential scans and index entries read
 * @param tuplesFetched live rows fetched by index scans
 * @param tuplesInserted rows inserted
 * @param tuplesUpdated rows updated
 * @param tuplesDeleted rows deleted
 * @param backends backends connected to the database now
 */
public record PgDatabaseStatistics(long blocksHit, long blocksRead, long commits, long rollbacks, long deadlocks,
		long conflicts, long tempFiles, long tempBytes, long tuplesReturned, long tuplesFetched, long tuplesInserted,
		long tuplesUpdated, long tuplesDeleted, long backends) {

	/**
	 * The share of block requests served from shared buffers, from 0 to 1; 1 when no
	 * block was requested yet.
	 */
	public double cacheHitRatio() {
		long total = this.blocksHit + this.blocksRead;
		return (total != 0) ? (double) this.blocksHit / total : 1.0;
	}

}
