package io.databridge.postgres.internal.repository.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import io.databridge.postgres.internal.convert.ValueCodecs;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@code @Query} argument whose declared type has no codec ({@code Object}, an
 * interface) by the codec of its runtime type; {@code null} as an untyped NULL.
 * Thread-safe.
 */
final class RuntimeTypedCodec implements io.databridge.postgres.internal.convert.ValueCodec {

	private final ValueCodecs codecs;

	RuntimeTypedCodec(ValueCodecs codecs) {
		this.codecs = codecs;
	}

	@Override
	public Class<?> javaType() {
		return Object.class;
	}

	@Override
	public String pgType() {
		return "text";
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.NULL);
		}
		else {
			this.codecs.forValue(value).bind(ps, index, value);
		}
	}

	@Override
	public void writeBinary(io.databridge.postgres.internal.convert.BinaryOutput out, Object value) {
		this.codecs.forValue(value).writeBinary(out, value);
	}

}
