package io.databridge.postgres.internal.repository.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.sql.RenderedSql;

import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A rendered statement and, per placeholder, the {@link Slot} that supplies its value.
 * Built once per statement shape; binding a call is a loop over the slots. Immutable and
 * thread-safe.
 *
 * @param sql the SQL text
 * @param slots one slot per {@code ?}, in order
 */
record PreparedQuery(String sql, List<Slot> slots) {

	PreparedQuery {
		slots = List.copyOf(slots);
	}

	/**
	 * Resolves each placeholder's argument name against the slots the statement was built
	 * with.
	 * @throws IllegalStateException for a name without a slot (a bug, never user input)
	 */
	static PreparedQuery of(RenderedSql rendered, Map<String, Slot> slots) {
		List<Slot> ordered = rendered.parameters().stream().map(name -> {
			Slot slot = slots.get(name);
			if (slot == null) {
				throw new IllegalStateException("No value source for bind marker " + name + " in " + rendered.sql());
			}
			return slot;
		}).toList();
		return new PreparedQuery(rendered.sql(), ordered);
	}

	void bind(PreparedStatement ps, Invocation invocation) throws SQLException {
		for (int i = 0; i < this.slots.size(); i++) {
			this.slots.get(i).bind(ps, i + 1, invocation);
		}
	}

	PreparedStatementSetter setter(Invocation invocation) {
		return ps -> bind(ps, invocation);
	}

	@Override
	public String toString() {
		return this.sql;
	}
}
