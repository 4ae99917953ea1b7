package io.databridge.postgres.schema;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the mapping and the database.
 *
 * @param kind what differs
 * @param severity how much it matters
 * @param table the table (schema-qualified when the mapping names a schema), or the enum
 * type for enum changes
 * @param column the column, or {@code null} for table- and type-level changes
 * @param entity the entity class's simple name, or {@code null} when no entity maps it
 * (an extra column, an enum type)
 * @param property the entity's property, or {@code null}
 * @param expected what the mapping expects (a type, {@code NOT NULL}, a constraint), or
 * {@code ""}
 * @param found what the database has, or {@code "nothing"}
 */
public record SchemaChange(Kind kind, Severity severity, String table, @Nullable String column, @Nullable String entity,
		@Nullable String property, String expected, String found) {

	public SchemaChange {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(expected, "expected");
		Objects.requireNonNull(found, "found");
	}

	/** What differs. */
	public enum Kind {

		/** The entity's table does not exist. */
		MISSING_TABLE,
		/** A mapped column does not exist. */
		MISSING_COLUMN,
		/** A {@code @PgEnum} type does not exist. */
		MISSING_ENUM_TYPE,
		/** A constant of a {@code @PgEnum} is not a label of the type. */
		MISSING_ENUM_VALUE,
		/** The table has no primary key on the id column. */
		MISSING_PRIMARY_KEY,
		/** A {@code Ref} or owned collection's foreign key is missing. */
		MISSING_FOREIGN_KEY,
		/** A {@code @ColumnDefinition(unique = true)} constraint is missing. */
		MISSING_UNIQUE,
		/**
		 * An index ({@code @ColumnDefinition(indexed = true)}, an owned collection's
		 * foreign key) is missing.
		 */
		MISSING_INDEX,
		/**
		 * A generated id's column is neither an identity column nor has a sequence
		 * default.
		 */
		MISSING_IDENTITY,
		/** The column's type differs from the property's. */
		TYPE_MISMATCH,
		/** The column's nullability differs from the property's. */
		NULLABILITY_MISMATCH,
		/** A column of a mapped table that no property maps. */
		EXTRA_COLUMN

	}

	/** How much a difference matters. */
	public enum Severity {

		/** Reads or writes fail (a missing column, an incompatible type). */
		ERROR,
		/**
		 * Works for some values only (a {@code Long} in an {@code integer} column
		 * overflows, a {@code null} in a primitive's column cannot be read).
		 */
		WARNING,
		/** Harmless (an unmapped column). */
		INFO

	}

	/**
	 * One line naming the severity, the change and where it is: {@code ERROR
	 * MISSING_COLUMN users.email (User.email): expected text, found nothing}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder().append(this.severity).append(' ').append(this.kind).append(' ');
		text.append(this.table);
		if (this.column != null) {
			text.append('.').append(this.column);
		}
		if (this.entity != null) {
			text.append(" (").append(this.entity);
			if (this.property != null) {
				text.append('.').append(this.property);
			}
			text.append(')');
		}
		return text.append(": expected ")
			.append(this.expected.isEmpty() ? "nothing" : this.expected)
			.append(", found ")
			.append(this.found)
			.toString();
	}

}
