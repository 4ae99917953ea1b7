package io.databridge.postgres.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of data-bridge, under {@code databridge.pg}. The DataSource and pool
 * stay under Boot's own {@code spring.datasource.*}.
 */
@ConfigurationProperties("databridge.pg")
public class PgDataProperties {

	/**
	 * How table and column names are derived from classes and properties without @Table or
	 * @Column: snake-case (UserAccount.createdAt to user_account.created_at) or as-is.
	 * A NamingStrategy bean takes precedence.
	 */
	private Naming naming = Naming.SNAKE_CASE;

	/**
	 * Whether every derived query and @Query of every repository is parsed by PostgreSQL at
	 * start-up (prepared and described, never executed), so that a typo or a missing column fails
	 * the start naming the method.
	 */
	private boolean validateQueries = true;

	private final Repositories repositories = new Repositories();

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

		/** Whether data-bridge repositories are created for interfaces extending PgRepository. */
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
		 * Whether @CreatedDate, @CreatedBy, @LastModifiedDate and @LastModifiedBy are filled on
		 * save. The auditor comes from the application's single AuditorAware bean, if any. Same
		 * as @EnablePgAuditing.
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
}
