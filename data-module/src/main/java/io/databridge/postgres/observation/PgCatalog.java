package io.databridge.postgres.observation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.util.Assert;

/**
 * The catalogue of every statement the application's repositories can send, filled while
 * repositories are created (data-bridge renders each statement once, at start-up), and
 * how each entity maps to its table. Read it in code, print {@link #toText()} from a
 * test, or see it at {@code GET /actuator/databridge}. Bind values never appear in it.
 * Thread-safe.
 */
public class PgCatalog {

	private final ConcurrentMap<String, PgCatalogEntry> entries = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, PgCatalogEntity> entities = new ConcurrentHashMap<>();

	/** Adds (or replaces) the entry of a repository method's statement. */
	public void register(PgCatalogEntry entry) {
		Assert.notNull(entry, "Entry must not be null");
		this.entries.put(entry.repository() + "#" + entry.method() + "#" + entry.sql(), entry);
	}

	/** Adds (or replaces) an entity's mapping. */
	public void register(PgCatalogEntity entity) {
		Assert.notNull(entity, "Entity must not be null");
		this.entities.put(entity.entity(), entity);
	}

	/** Every entry, ordered by repository, method and SQL. */
	public List<PgCatalogEntry> entries() {
		List<PgCatalogEntry> all = new ArrayList<>(this.entries.values());
		all.sort(Comparator.comparing(PgCatalogEntry::repository)
			.thenComparing(PgCatalogEntry::method)
			.thenComparing(PgCatalogEntry::sql));
		return all;
	}

	/** The entries of one repository (its interface's simple name). */
	public List<PgCatalogEntry> entries(String repository) {
		return entries().stream().filter((entry) -> entry.repository().equals(repository)).toList();
	}

	/** Every mapped entity, ordered by name. */
	public List<PgCatalogEntity> entities() {
		List<PgCatalogEntity> all = new ArrayList<>(this.entities.values());
		all.sort(Comparator.comparing(PgCatalogEntity::entity));
		return all;
	}

	/** The catalogue as text: one block per repository, then the entity mappings. */
	public String toText() {
		StringBuilder text = new StringBuilder();
		String repository = null;
		for (PgCatalogEntry entry : entries()) {
			if (!entry.repository().equals(repository)) {
				repository = entry.repository();
				text.append(repository).append(" (").append(entry.entity()).append(" -> ").append(entry.table());
				text.append(")\n");
			}
			text.append("  ").append(entry.method()).append(" [").append(entry.kind());
			text.append(entry.validated() ? ", validated" : "").append("]\n");
			text.append("    ").append(entry.sql()).append('\n');
			if (!entry.parameters().isEmpty()) {
				text.append("    parameters: ").append(String.join(", ", entry.parameters())).append('\n');
			}
		}
		for (PgCatalogEntity entity : entities()) {
			text.append(entity.entity()).append(" -> ").append(entity.table()).append('\n');
			for (PgCatalogColumn column : entity.columns()) {
				text.append("  ").append(column.property()).append(" -> ").append(column.column());
				text.append(" (").append(column.javaType()).append(", ").append(column.codec()).append(")\n");
			}
		}
		return text.toString();
	}

	/** The catalogue grouped by repository, then method. */
	public Map<String, Map<String, List<PgCatalogEntry>>> byRepository() {
		Map<String, Map<String, List<PgCatalogEntry>>> grouped = new TreeMap<>();
		for (PgCatalogEntry entry : entries()) {
			grouped.computeIfAbsent(entry.repository(), (key) -> new TreeMap<>())
				.computeIfAbsent(entry.method(), (key) -> new ArrayList<>())
				.add(entry);
		}
		return grouped;
	}

}
