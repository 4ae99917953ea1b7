package io.databridge.postgres.internal.sql;

/**
 * The catalog and statistics queries behind health and database statistics. Each is one
 * round trip, reads only {@code pg_catalog} views and takes no bind values that come from
 * users.
 */
public final class MonitorSql {

	/**
	 * Server version, role, replay lag on a standby (seconds, null on a primary or before
	 * the first replayed transaction), and data-bridge's prepared bulk transactions of
	 * the current database: count and age of the oldest (seconds).
	 */
	public static final String SERVER_STATUS = """
			select current_setting('server_version'), pg_is_in_recovery(),
			  case when pg_is_in_recovery()
			    then extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 end,
			  (select count(*) from pg_prepared_xacts
			    where database = current_database() and gid like 'databridge\\_bulk\\_%'),
			  (select extract(epoch from now() - min(prepared))::float8 from pg_prepared_xacts
			    where database = current_database() and gid like 'databridge\\_bulk\\_%')""";

	/** The current database's row of {@code pg_stat_database}. */
	public static final String DATABASE_STATISTICS = """
			select blks_hit, blks_read, xact_commit, xact_rollback, deadlocks, conflicts, temp_files,
			  temp_bytes, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, numbackends
			from pg_stat_database where datname = current_database()""";

	/**
	 * Rows of {@code pg_stat_user_tables} for the tables named in the one text-array
	 * parameter ({@code schema.table}, or a bare table name for the search path).
	 */
	public static final String TABLE_STATISTICS = """
			select relname, coalesce(seq_scan, 0), coalesce(idx_scan, 0), n_live_tup, n_dead_tup,
			  extract(epoch from now() - last_autovacuum)::float8,
			  extract(epoch from now() - last_autoanalyze)::float8
			from pg_stat_user_tables
			where relid = any (select to_regclass(t) from unnest(?::text[]) t)""";

	private MonitorSql() {
	}

}
