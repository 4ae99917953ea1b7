package io.databridge.postgres.autoconfigure;

/**
 * Configuration properties of the schema check and the migration generator, under
 * {@code databridge.pg.schema}.
 */
@org.springframework.boot.context.properties.ConfigurationProperties("databridge.pg.schema")
public class PgSchemaProperties {

	/**
	 * What to do at start-up, after Flyway, Liquibase or SQL init ran, when the mapped
	 * entities and the database's tables differ: none (do not compare), warn (log every
	 * difference in one message) or fail (stop the start with that message).
	 * Informational differences (unmapped columns) never fail.
	 */
	private Validation validation = Validation.WARN;

	/**
	 * When set, the application starts only to write the next Flyway migration,
	 * V<next>__<this description>.sql, into migration-location, then exits: Flyway,
	 * Liquibase, SQL init, the web server and the start-up validation are switched off,
	 * and the mapping is compared with the database as it is. Pass it as an argument:
	 * ./mvnw spring-boot:run
	 * -Dspring-boot.run.arguments=--databridge.pg.schema.generate-migration=add_orders
	 */
	private String generateMigration = "";

	/**
	 * The directory the migration generator writes to, relative to the working directory
	 * (spring-boot:run runs in the module's directory).
	 */
	private String migrationLocation = "src/main/resources/db/migration";

	/** Returns the start-up validation mode. */
	public Validation getValidation() {
		return this.validation;
	}

	/** Sets the start-up validation mode. */
	public void setValidation(Validation validation) {
		this.validation = validation;
	}

	/** Returns the description of the migration to generate, or empty. */
	public String getGenerateMigration() {
		return this.generateMigration;
	}

	/** Sets the description of the migration to generate. */
	public void setGenerateMigration(String generateMigration) {
		this.generateMigration = generateMigration;
	}

	/** Returns the directory generated migrations are written to. */
	public String getMigrationLocation() {
		return this.migrationLocation;
	}

	/** Sets the directory generated migrations are written to. */
	public void setMigrationLocation(String migrationLocation) {
		this.migrationLocation = migrationLocation;
	}

	/** Start-up validation modes. */
	public enum Validation {

		/** No comparison at start-up. */
		NONE,
		/** Log every difference as one warning. */
		WARN,
		/** Stop the start naming every difference. */
		FAIL

	}

}
