package io.databridge.postgres.observation;

import java.util.List;

import org.springframework.util.Assert;

/**
 * One statement a repository method can send, exactly as it is sent. Bind values never
 * appear: each {@code ?} is described by the matching element of {@code parameters}.
 *
 * @param repository the repository interface's simple name
 * @param method the method, with its parameter types ({@code findByName(String)})
 * @param kind where the statement comes from
 * @param entity the entity class's simple name
 * @param table the table it maps to
 * @param sql the SQL text as sent to the server
 * @param parameters what each {@code ?} is bound to, in order (argument names or
 * positions, or the mapped property)
 * @param validated whether the server parsed the statement at start-up
 * ({@code databridge.pg.validate-queries})
 */
public record PgCatalogEntry(String repository, String method, PgStatementKind kind, String entity, String table,
		String sql, List<String> parameters, boolean validated) {

	/** Checks the components and copies the parameter list. */
	public PgCatalogEntry {
		Assert.hasText(repository, "Repository must not be empty");
		Assert.hasText(method, "Method must not be empty");
		Assert.notNull(kind, "Kind must not be null");
		Assert.hasText(sql, "SQL must not be empty");
		parameters = List.copyOf(parameters);
	}

}
