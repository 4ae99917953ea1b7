package io.databridge.postgres.schema;

import java.util.Comparator;
import java.util.List;

/**
 * The differences between the mapping and the database, errors first, then warnings, then
 * informational ones, each group in table and column order. Immutable.
 */
public final class SchemaDiff {

	private final List<SchemaChange> changes;

	/**
	 * Creates a diff.
	 * @param changes the changes, in any order
	 */
	public SchemaDiff(List<SchemaChange> changes) {
		this.changes = changes.stream()
			.sorted(Comparator.comparing(SchemaChange::severity)
				.thenComparing(SchemaChange::table)
				.thenComparing(c -> c.column() == null ? "" : c.column()))
			.toList();
	}

	/** Every change; empty when the mapping and the database agree. */
	public List<SchemaChange> changes() {
		return this.changes;
	}

	/** Whether there is no change at all, informational ones included. */
	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

	/** The changes of one severity. */
	public List<SchemaChange> changes(SchemaChange.Severity severity) {
		return this.changes.stream().filter(c -> c.severity() == severity).toList();
	}

	/**
	 * Whether there are errors or warnings (informational changes alone do not count).
	 */
	public boolean hasDrift() {
		return this.changes.stream().anyMatch(c -> c.severity() != SchemaChange.Severity.INFO);
	}

	/** One line per change, or {@code "no differences"}. */
	@Override
	public String toString() {
		if (this.changes.isEmpty()) {
			return "no differences";
		}
		StringBuilder text = new StringBuilder();
		for (SchemaChange change : this.changes) {
			text.append(text.isEmpty() ? "" : "\n").append("  ").append(change);
		}
		return text.toString();
	}

}
