package io.databridge.postgres.autoconfigure;

import java.time.Duration;

import io.databridge.postgres.bulk.Atomicity;
import io.databridge.postgres.bulk.BulkSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of data-bridge, under {@code databridge.pg}. The DataSource
 * and pool stay under Boot's own {@code spring.datasource.*}.
 */
@ConfigurationProperties("databridge.pg")
public class PgDataProperties {

	/**
	 * How table and column names are derived from classes and properties without @Table
	 * or
	 * @Column: snake-case (UserAccount.createdAt to user_account.created_at) or as-is. A
	 * NamingStrategy bean takes precedence.
	 */
	private Naming naming = Naming.SNAKE_CASE;

	/**
	 * Whether every derived query and @Query of every repository is parsed by PostgreSQL
	 * at start-up (prepared and described, never executed), so that a typo or a missing
	 * column fails the start naming the method.
	 */
	private boolean validateQueries = true;

	/**
	 * Timeout of every statement data-bridge runs outside a transaction with a timeout of
	 * its own (@Transactional(timeout) takes precedence), applied with setQueryTimeout:
	 * pgjdbc then cancels the statement on the server. Rounded up to whole seconds. None
	 * by default, so that long queries run; dead connections are bounded by
	 * databridge.pg.keepalive.* instead.
	 */
	private @Nullable Duration defaultStatementTimeout;

	/** Dead-peer detection by TCP keepalive on the pool's connections. */
	@NestedConfigurationProperty
	private final PgKeepAliveProperties keepalive = new PgKeepAliveProperties();

	/** Opt-in retries of whole transactions after transient failures. */
	@NestedConfigurationProperty
	private final PgRetryProperties retry = new PgRetryProperties();

	/**
	 * Whether the TRACE level of the io.databridge.sql log shows each statement's bind
	 * values; by default it shows only how many there are, since values may be personal
	 * data or secrets.
	 */
	private boolean logBindValues;

	private final Repositories repositories = new Repositories();

	/** Returns the default statement timeout, or {@code null} for none. */
	public @Nullable Duration getDefaultStatementTimeout() {
		return this.defaultStatementTimeout;
	}

	/** Sets the default statement timeout ({@code null} for none). */
	public void setDefaultStatementTimeout(@Nullable Duration defaultStatementTimeout) {
		this.defaultStatementTimeout = defaultStatementTimeout;
	}

	/** Returns the keepalive settings. */
	public PgKeepAliveProperties getKeepalive() {
		return this.keepalive;
	}

	/** Returns the retry settings. */
	public PgRetryProperties getRetry() {
		return this.retry;
	}

	private final Bulk bulk = new Bulk();

	/** Returns the bulk insert settings. */
	public Bulk getBulk() {
		return this.bulk;
	}

	/** Returns whether the SQL log's TRACE level shows bind values. */
	public boolean isLogBindValues() {
		return this.logBindValues;
	}

	/** Sets whether the SQL log's TRACE level shows bind values. */
	public void setLogBindValues(boolean logBindValues) {
		this.logBindValues = logBindValues;
	}

	/** Returns whether repository queries are validated by the server at start-up. */
	public boolean isValidateQueries() {
		return this.validateQueries;
	}

	/** Sets whether repository queries are validated by the server at start-up. */
	public void setValidateQueries(boolean validateQueries) {
		this.validateQueries = validateQueries;
	}

	private final Auditing auditing = new Auditing();

	/** Returns the naming mode. */
	public Naming getNaming() {
		return this.naming;
	}

	/** Sets the naming mode. */
	public void setNaming(Naming naming) {
		this.naming = naming;
	}

	/** Returns the repository settings. */
	public Repositories getRepositories() {
		return this.repositories;
	}

	/** Returns the auditing settings. */
	public Auditing getAuditing() {
		return this.auditing;
	}

	/** Naming modes. */
	public enum Naming {

		/** camelCase to snake_case. */
		SNAKE_CASE,

		/** Names as written in Java. */
		AS_IS

	}

	/** Repository settings. */
	public static class Repositories {

		/**
		 * Whether data-bridge repositories are created for interfaces extending
		 * PgRepository.
		 */
		private boolean enabled = true;

		/** Returns whether repositories are enabled. */
		public boolean isEnabled() {
			return this.enabled;
		}

		/** Sets whether repositories are enabled. */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Auditing settings. */
	public static class Auditing {

		/**
		 * Whether @CreatedDate, @CreatedBy, @LastModifiedDate and @LastModifiedBy are
		 * filled on save. The auditor comes from the application's single AuditorAware
		 * bean, if any. Same as @EnablePgAuditing.
		 */
		private boolean enabled;

		/** Returns whether auditing is enabled. */
		public boolean isEnabled() {
			return this.enabled;
		}

		/** Sets whether auditing is enabled. */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Defaults of bulk inserts ({@code @BulkInsert}, {@code insertAll}). */
	public static class Bulk {

		/**
		 * Maximum number of partitions, each on its own pooled connection, one bulk
		 * insert streams over; best set to the number of cores the database server can
		 * give the load (more only makes its backends contend). The default, 2, was the
		 * fastest on the 2-core benchmark machine.
		 */
		private int parallelism = 2;

		/**
		 * Row count from which a bulk insert runs in parallel; below it one COPY runs on
		 * one connection.
		 */
		private int parallelThreshold = 50;

		/** Size of one encoded chunk handed from the reader to a partition. */
		private DataSize chunkSize = DataSize.ofKilobytes(64);

		/**
		 * Number of encoded chunks in flight per insert; bounds the memory of a streamed
		 * insert.
		 */
		private int bufferedChunks = 16;

		/**
		 * What a bulk insert promises readers and after a crash, unless its method asks
		 * otherwise: atomic (one transaction: readers see all rows or none), staged
		 * (parallel COPY into a staging table, then one INSERT ... SELECT),
		 * crash-consistent (parallel partitions committed by two-phase commit: all or
		 * nothing once the call returns or recovery ran, but readers can see part during
		 * the commit window) or per-partition (each partition commits alone).
		 */
		private Atomicity atomicity = Atomicity.ATOMIC;

		/**
		 * How often in-doubt recovery runs again while prepared transactions of
		 * crash-consistent loads whose coordinator is gone may remain; 0 switches the
		 * periodic run off.
		 */
		private Duration recoveryInterval = Duration.ofSeconds(10);

		/**
		 * Age from which a staging table left by a crashed JVM is dropped by the next
		 * insert.
		 */
		private Duration staleStagingAge = Duration.ofHours(24);

		/**
		 * Whether prepared transactions that crash-consistent bulk inserts of a JVM that
		 * died left in doubt are settled (committed if their load had decided to commit,
		 * else rolled back) when the application is ready. Does nothing when there are
		 * none; loads whose coordinator still holds its lease are left alone.
		 */
		private boolean recoverOnStartup = true;

		/** Returns the atomicity of bulk inserts that ask for the default. */
		public Atomicity getAtomicity() {
			return this.atomicity;
		}

		/** Sets the atomicity of bulk inserts that ask for the default. */
		public void setAtomicity(Atomicity atomicity) {
			this.atomicity = atomicity;
		}

		/** Returns how often in-doubt recovery runs while needed. */
		public Duration getRecoveryInterval() {
			return this.recoveryInterval;
		}

		/** Sets how often in-doubt recovery runs while needed. */
		public void setRecoveryInterval(Duration recoveryInterval) {
			this.recoveryInterval = recoveryInterval;
		}

		/**
		 * Returns whether in-doubt transactions are settled when the application is
		 * ready.
		 */
		public boolean isRecoverOnStartup() {
			return this.recoverOnStartup;
		}

		/**
		 * Sets whether in-doubt transactions are settled when the application is ready.
		 */
		public void setRecoverOnStartup(boolean recoverOnStartup) {
			this.recoverOnStartup = recoverOnStartup;
		}

		/** Returns the parallelism. */
		public int getParallelism() {
			return this.parallelism;
		}

		/** Sets the parallelism. */
		public void setParallelism(int parallelism) {
			this.parallelism = parallelism;
		}

		/** Returns the parallel threshold. */
		public int getParallelThreshold() {
			return this.parallelThreshold;
		}

		/** Sets the parallel threshold. */
		public void setParallelThreshold(int parallelThreshold) {
			this.parallelThreshold = parallelThreshold;
		}

		/** Returns the chunk size. */
		public DataSize getChunkSize() {
			return this.chunkSize;
		}

		/** Sets the chunk size. */
		public void setChunkSize(DataSize chunkSize) {
			this.chunkSize = chunkSize;
		}

		/** Returns the number of buffered chunks. */
		public int getBufferedChunks() {
			return this.bufferedChunks;
		}

		/** Sets the number of buffered chunks. */
		public void setBufferedChunks(int bufferedChunks) {
			this.bufferedChunks = bufferedChunks;
		}

		/** Returns the stale staging age. */
		public Duration getStaleStagingAge() {
			return this.staleStagingAge;
		}

		/** Sets the stale staging age. */
		public void setStaleStagingAge(Duration staleStagingAge) {
			this.staleStagingAge = staleStagingAge;
		}

		/** The data-module settings with these values. */
		BulkSettings toSettings() {
			BulkSettings settings = new BulkSettings();
			settings.setParallelism(this.parallelism);
			settings.setParallelThreshold(this.parallelThreshold);
			settings.setChunkBytes(Math.toIntExact(this.chunkSize.toBytes()));
			settings.setBufferedChunks(this.bufferedChunks);
			settings.setAtomicity(this.atomicity);
			settings.setRecoveryInterval(this.recoveryInterval);
			settings.setStaleStagingAge(this.staleStagingAge);
			return settings;
		}

	}

}
