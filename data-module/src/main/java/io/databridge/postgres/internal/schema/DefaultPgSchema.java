package io.databridge.postgres.internal.schema;

import java.sql.Connection;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.mapping.Table;
import io.databridge.postgres.schema.PgSchema;
import io.databridge.postgres.schema.SchemaDiff;
import io.databridge.postgres.schema.SchemaValidationException;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * The {@link PgSchema} over a mapping context: derives the expected schema from the
 * entities ({@link MappingSchemaReader}), reads the catalog of the schemas they live in
 * ({@link CatalogReader}, five statements on one connection) and compares them
 * ({@link SchemaComparison}). SQL errors are translated by the given
 * {@link JdbcOperations}. Thread-safe; nothing is cached, every call sees the current
 * database.
 */
public final class DefaultPgSchema implements PgSchema {

	private final PgMappingContext context;

	private final ValueCodecs codecs;

	private final JdbcOperations jdbc;

	private final Supplier<? extends Collection<Class<?>>> entityTypes;

	/**
	 * Creates a schema over the given entities.
	 * @param context the mapping context
	 * @param codecs the codecs, which decide the column types
	 * @param jdbc runs the catalog queries
	 * @param entityTypes the entity classes, asked on every call; tables of referenced
	 * aggregates and owned children are added
	 */
	public DefaultPgSchema(PgMappingContext context, ValueCodecs codecs, JdbcOperations jdbc,
			Supplier<? extends Collection<Class<?>>> entityTypes) {
		Assert.notNull(context, "Mapping context must not be null");
		Assert.notNull(codecs, "Codecs must not be null");
		Assert.notNull(jdbc, "JdbcOperations must not be null");
		Assert.notNull(entityTypes, "Entity types must not be null");
		this.context = context;
		this.codecs = codecs;
		this.jdbc = jdbc;
		this.entityTypes = entityTypes;
	}

	/**
	 * Creates a schema over the entities the mapping context knows when it is called
	 * (those annotated {@code @Table} or with an id, such as the repositories' domain
	 * types and the entity scan's result).
	 * @param context the mapping context
	 * @param codecs the codecs
	 * @param jdbc runs the catalog queries
	 */
	public DefaultPgSchema(PgMappingContext context, ValueCodecs codecs, JdbcOperations jdbc) {
		this(context, codecs, jdbc, () -> mappedEntities(context));
	}

	private static List<Class<?>> mappedEntities(PgMappingContext context) {
		return context.getPersistentEntities()
			.stream()
			.filter(e -> e.isAnnotationPresent(Table.class) || e.getIdProperty() != null)
			.<Class<?>>map(PgPersistentEntity::getType)
			.sorted(java.util.Comparator.comparing(Class::getName))
			.toList();
	}

	@Override
	public SchemaDiff diff() {
		return new SchemaDiff(drifts().stream().map(Drift::change).toList());
	}

	@Override
	public String toMigrationSql() {
		return MigrationScript.render(drifts());
	}

	@Override
	public void validate() {
		SchemaDiff diff = diff();
		if (diff.hasDrift()) {
			throw new SchemaValidationException(diff);
		}
	}

	private List<Drift> drifts() {
		SchemaModel expected = new MappingSchemaReader(this.context, this.codecs).read(this.entityTypes.get());
		return this.jdbc.execute((ConnectionCallback<List<Drift>>) connection -> compare(connection, expected));
	}

	private static List<Drift> compare(Connection connection, SchemaModel expected) throws java.sql.SQLException {
		String current = CatalogReader.currentSchema(connection);
		Set<String> schemas = new LinkedHashSet<>();
		schemas.add(current);
		expected.tables().forEach(t -> schemas.add(t.name().schema() == null ? current : t.name().schema()));
		expected.enums().forEach(e -> schemas.add(e.name().schema() == null ? current : e.name().schema()));
		SchemaModel actual = CatalogReader.read(connection, schemas);
		return new SchemaComparison(current).compare(expected, actual);
	}

}
