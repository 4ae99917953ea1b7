package io.databridge.postgres.internal.schema;

import java.util.List;

import io.databridge.postgres.internal.sql.Ddl;
import io.databridge.postgres.schema.SchemaChange;
import org.jspecify.annotations.Nullable;

/**
 * A difference and the statements that close it.
 *
 * @param change the difference, as the public API reports it
 * @param fixes the statements, possibly none (an informational difference)
 */
record Drift(SchemaChange change, List<Fix> fixes) {

	Drift {
		fixes = List.copyOf(fixes);
	}

	/**
	 * One statement of a migration.
	 *
	 * @param statement the statement
	 * @param phase where it goes in the script: enum types (0), tables (1), columns (2),
	 * column changes (3), keys and unique constraints (4), foreign keys (5), indexes (6)
	 * @param warning why it is only written as a comment (it drops data or may fail on
	 * existing values), or {@code null} for an executable statement
	 */
	record Fix(Ddl.Statement statement, int phase, @Nullable String warning) {

		static Fix of(Ddl.Statement statement, int phase) {
			return new Fix(statement, phase, null);
		}

		static Fix commented(Ddl.Statement statement, String warning) {
			return new Fix(statement, 9, warning);
		}

	}

}
