package io.databridge.postgres.internal.criteria;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A statement ready to run: its text (shared by every call of the same shape) and this
 * call's checked values, one per {@code ?} in order. Immutable; binds itself as a
 * {@link PreparedStatementSetter}.
 *
 * @param sql the SQL text with {@code ?} placeholders
 * @param bindings one binding per placeholder, in order
 */
public record PreparedSql(String sql, List<Binding> bindings) implements PreparedStatementSetter {

	public PreparedSql {
		bindings = List.copyOf(bindings);
	}

	/**
	 * One bound value.
	 *
	 * @param name the name of its placeholder in the tree
	 * @param value the checked value
	 * @param binder how it is bound
	 * @param about what the value belongs to, for messages
	 */
	public record Binding(String name, @Nullable Object value, ValueBinder binder, String about) {
	}

	/**
	 * Binds the values.
	 * @throws IllegalArgumentException when a codec refuses a value, naming what the
	 * value belongs to
	 */
	@Override
	public void setValues(PreparedStatement ps) throws SQLException {
		for (int i = 0; i < this.bindings.size(); i++) {
			Binding binding = this.bindings.get(i);
			try {
				binding.binder().bind(ps, i + 1, binding.value());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Value of " + binding.about() + ": " + ex.getMessage(), ex);
			}
		}
	}

	/** The values, in placeholder order. */
	public List<@Nullable Object> values() {
		return this.bindings.stream().map(Binding::value).toList();
	}
}
