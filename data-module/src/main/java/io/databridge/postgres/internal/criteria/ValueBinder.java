package io.databridge.postgres.internal.criteria;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Binds one checked value to one placeholder; a {@code ValueCodec}'s {@code bind} is one.
 */
@FunctionalInterface
public interface ValueBinder {

	/**
	 * Binds a value.
	 * @param ps the statement
	 * @param index the 1-based parameter index
	 * @param value the value, {@code null} only where the statement expects a NULL
	 */
	void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException;

}
