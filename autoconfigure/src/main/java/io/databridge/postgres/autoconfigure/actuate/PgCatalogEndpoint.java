package io.databridge.postgres.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import io.databridge.postgres.observation.PgCatalog;
import io.databridge.postgres.observation.PgCatalogEntity;
import io.databridge.postgres.observation.PgCatalogEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code databridge} Actuator endpoint: the {@link PgCatalog} of every statement each
 * repository method can send (kind, SQL as sent, parameter list, whether the server
 * validated it at start-up) and each entity's mapping. {@code GET /actuator/databridge}
 * lists everything; {@code GET /actuator/databridge/{repository}} one repository. Bind
 * values never appear.
 */
@Endpoint(id = "databridge")
public class PgCatalogEndpoint {

	private final PgCatalog catalog;

	/** Creates the endpoint over the application's catalogue. */
	public PgCatalogEndpoint(PgCatalog catalog) {
		this.catalog = catalog;
	}

	/** Every repository's statements and every entity's mapping. */
	@ReadOperation
	public CatalogDescriptor catalog() {
		return new CatalogDescriptor(this.catalog.byRepository(), this.catalog.entities());
	}

	/** One repository's statements, by method; {@code null} (404) for an unknown one. */
	@ReadOperation
	public @Nullable Map<String, List<PgCatalogEntry>> repository(@Selector String repository) {
		return this.catalog.byRepository().get(repository);
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param repositories repository → method → statements
	 * @param entities entity mappings
	 */
	public record CatalogDescriptor(Map<String, Map<String, List<PgCatalogEntry>>> repositories,
			List<PgCatalogEntity> entities) {

	}

}
