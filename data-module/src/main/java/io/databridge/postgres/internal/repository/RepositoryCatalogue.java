package io.databridge.postgres.internal.repository;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import io.databridge.postgres.internal.repository.query.CatalogStatement;
import io.databridge.postgres.internal.repository.query.PartTreePgQuery;
import io.databridge.postgres.internal.repository.query.StringBasedPgQuery;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.internal.sql.SqlRenderer;
import io.databridge.postgres.observation.PgCatalog;
import io.databridge.postgres.observation.PgCatalogColumn;
import io.databridge.postgres.observation.PgCatalogEntity;
import io.databridge.postgres.observation.PgCatalogEntry;
import io.databridge.postgres.observation.PgStatementKind;
import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.RepositoryQuery;

/**
 * Fills the {@link PgCatalog} while repositories are created: the CRUD statements and
 * mapping of each repository's entity, and the statements of each query method. Does
 * nothing without a catalogue.
 */
final class RepositoryCatalogue {

	private final @Nullable PgCatalog catalog;

	private final boolean validateQueries;

	RepositoryCatalogue(@Nullable PgCatalog catalog, boolean validateQueries) {
		this.catalog = catalog;
		this.validateQueries = validateQueries;
	}

	/** Records the entity's mapping and the CRUD statements of its repository. */
	void crud(RepositoryMetadata metadata, EntityStatements<?> statements) {
		PgCatalog target = this.catalog;
		if (target == null) {
			return;
		}
		List<PgCatalogColumn> columns = new ArrayList<>();
		for (int i = 0; i < statements.columns().size(); i++) {
			PgPersistentProperty property = statements.columns().get(i);
			columns.add(new PgCatalogColumn(property.getName(), property.columnName(),
					property.getType().getSimpleName(), statements.codec(i).getClass().getSimpleName()));
		}
		target.register(new PgCatalogEntity(metadata.getDomainType().getName(), table(statements), columns));
		List<String> all = statements.columns().stream().map(PgPersistentProperty::getName).toList();
		List<String> withoutId = all.stream()
			.filter((name) -> !name.equals(statements.idProperty().getName()))
			.toList();
		String id = statements.idProperty().getName();
		crud(metadata, statements, "save(S)", statements.insertGeneratingId, withoutId);
		crud(metadata, statements, "save(S)", statements.insertWithId, all);
		crud(metadata, statements, "save(S)", statements.upsert, all);
		crud(metadata, statements, "findById(ID)", statements.selectById, List.of(id));
		crud(metadata, statements, "existsById(ID)", statements.existsById, List.of(id));
		crud(metadata, statements, "findAll()", statements.selectAllSql, List.of());
		crud(metadata, statements, "findAllById(Iterable)", statements.selectByIds, List.of(id + "[]"));
		crud(metadata, statements, "count()", statements.count, List.of());
		crud(metadata, statements, "deleteById(ID)", statements.deleteById, List.of(id));
		crud(metadata, statements, "deleteAllById(Iterable)", statements.deleteByIds, List.of(id + "[]"));
		crud(metadata, statements, "deleteAll()", statements.deleteAll, List.of());
	}

	private void crud(RepositoryMetadata metadata, EntityStatements<?> statements, String method, String sql,
			List<String> parameters) {
		register(metadata, statements, method, PgStatementKind.CRUD, new CatalogStatement(sql, parameters), false);
	}

	/** Records the statements of a query method. */
	void query(RepositoryMetadata metadata, EntityStatements<?> statements, Method method, RepositoryQuery query) {
		if (this.catalog == null) {
			return;
		}
		String signature = signature(method);
		if (query instanceof PartTreePgQuery derived) {
			for (CatalogStatement statement : derived.catalogue()) {
				register(metadata, statements, signature, PgStatementKind.DERIVED, statement, this.validateQueries);
			}
		}
		else if (query instanceof StringBasedPgQuery declared) {
			for (CatalogStatement statement : declared.catalogue()) {
				register(metadata, statements, signature, PgStatementKind.QUERY, statement, this.validateQueries);
			}
		}
		else if (query instanceof BulkInsertRepositoryQuery) {
			List<Sql.Column> all = statements.columns()
				.stream()
				.map((property) -> new Sql.Column(property.columnName()))
				.toList();
			List<Sql.Column> withoutId = all.stream()
				.filter((column) -> !column.name().equals(statements.idProperty().columnName()))
				.toList();
			for (List<Sql.Column> columns : List.of(withoutId, all)) {
				String copy = SqlRenderer.render(new Sql.CopyFrom(statements.table(), columns));
				register(metadata, statements, signature, PgStatementKind.BULK,
						new CatalogStatement(copy, List.of("binary rows")), false);
			}
		}
	}

	private void register(RepositoryMetadata metadata, EntityStatements<?> statements, String method,
			PgStatementKind kind, CatalogStatement statement, boolean validated) {
		PgCatalog target = this.catalog;
		if (target != null) {
			target.register(new PgCatalogEntry(metadata.getRepositoryInterface().getSimpleName(), method, kind,
					metadata.getDomainType().getSimpleName(), table(statements), statement.sql(),
					statement.parameters(), validated));
		}
	}

	private static String table(EntityStatements<?> statements) {
		String schema = statements.entity().schema();
		return (schema != null) ? schema + "." + statements.entity().tableName() : statements.entity().tableName();
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
