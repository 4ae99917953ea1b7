package io.databridge.postgres.internal.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.databridge.postgres.internal.sql.CatalogQueries;
import io.databridge.postgres.internal.sql.Sql;
import io.databridge.postgres.schema.PgSchema;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * Writes the next Flyway migration, {@code V<next>__<description>.sql}, into a directory
 * of versioned migrations. The version follows the highest one there (its first number
 * plus one: after {@code V3__x.sql} and {@code V3.1__y.sql} comes {@code V4}). The script
 * is {@link PgSchema#toMigrationSql()}, compared with the database as it is: every
 * migration in the directory must have been applied, as Flyway's history table
 * ({@code flyway_schema_history} in the search path's first schema) records, except the
 * newest one when this generator wrote it and it is still pending: that one is replaced,
 * so generating twice without applying gives the same file. Reads the database, never
 * writes it. Not thread-safe.
 */
public final class MigrationGenerator {

	private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

	private final PgSchema schema;

	private final JdbcOperations jdbc;

	/**
	 * Creates a generator.
	 * @param schema the schema comparison whose SQL it writes
	 * @param jdbc reads Flyway's history table
	 */
	public MigrationGenerator(PgSchema schema, JdbcOperations jdbc) {
		Assert.notNull(schema, "PgSchema must not be null");
		Assert.notNull(jdbc, "JdbcOperations must not be null");
		this.schema = schema;
		this.jdbc = jdbc;
	}

	/**
	 * Writes the migration that closes the current diff.
	 * @param location the directory of versioned migrations (created when missing)
	 * @param description the file name's description, such as {@code add_orders}
	 * @return the file written, or empty when the mapping and the database agree
	 * @throws IllegalArgumentException when the description is blank
	 * @throws IllegalStateException naming the migrations that are not applied yet
	 */
	public Optional<Path> generate(Path location, String description) {
		Assert.hasText(description, "The migration's description must not be empty");
		String name = description.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		List<Migration> existing = existing(location);
		Set<String> applied = appliedVersions();
		List<Migration> pending = existing.stream().filter(m -> !applied.contains(m.version)).toList();
		Migration replaced = null;
		if (!pending.isEmpty()) {
			Migration newest = existing.get(existing.size() - 1);
			if (pending.size() > 1 || pending.get(0) != newest || !newest.generated) {
				throw new IllegalStateException("Migrations not applied to the database yet: "
						+ pending.stream().map(m -> m.file.getFileName().toString()).toList()
						+ "; start the application once so that Flyway applies them, then generate again");
			}
			replaced = newest;
		}
		if (this.schema.diff().isEmpty()) {
			return Optional.empty();
		}
		String sql = this.schema.toMigrationSql();
		String version = replaced != null ? replaced.version
				: existing.isEmpty() ? "1" : existing.get(existing.size() - 1).major().add(BigInteger.ONE).toString();
		Path file = location.resolve("V" + version + "__" + name + ".sql");
		try {
			Files.createDirectories(location);
			if (replaced != null) {
				Files.delete(replaced.file);
			}
			Files.writeString(file, sql, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the migration " + file, ex);
		}
		return Optional.of(file);
	}

	private Set<String> appliedVersions() {
		String current = this.jdbc.queryForObject(CatalogQueries.CURRENT_SCHEMA, String.class);
		Sql.Table history = new Sql.Table(current, "flyway_schema_history");
		Boolean exists = this.jdbc.queryForObject(CatalogQueries.TABLE_EXISTS, Boolean.class,
				CatalogQueries.regclass(history));
		if (!Boolean.TRUE.equals(exists)) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.queryForList(CatalogQueries.appliedVersions(history), String.class)
			.stream()
			.map(v -> v.replace('_', '.'))
			.toList());
	}

	private static List<Migration> existing(Path location) {
		if (!Files.isDirectory(location)) {
			return List.of();
		}
		List<Migration> migrations = new ArrayList<>();
		try (Stream<Path> files = Files.list(location)) {
			for (Path file : files.toList()) {
				Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
					migrations.add(new Migration(file, matcher.group(1).replace('_', '.'),
							first.equals(MigrationScript.MARKER)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the migrations in " + location, ex);
		}
		migrations.sort(Comparator.comparing(Migration::parts, MigrationGenerator::compareParts));
		return migrations;
	}

	private static int compareParts(List<BigInteger> left, List<BigInteger> right) {
		for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
			int compared = left.get(i).compareTo(right.get(i));
			if (compared != 0) {
				return compared;
			}
		}
		return Integer.compare(left.size(), right.size());
	}

	/** A versioned migration file. */
	private record Migration(Path file, String version, boolean generated) {

		List<BigInteger> parts() {
			return Stream.of(this.version.split("\\.")).map(BigInteger::new).toList();
		}

		BigInteger major() {
			return parts().get(0);
		}

	}

}
