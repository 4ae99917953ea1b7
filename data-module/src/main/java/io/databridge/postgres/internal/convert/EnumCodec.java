package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.jspecify.annotations.Nullable;

/**
 * Java enums as their {@code name()}: bound untyped, so the same codec fits a
 * {@code text} column and a PostgreSQL enum type.
 */
final class EnumCodec implements ValueCodec {

	private final Class<?> type;

	EnumCodec(Class<?> type) {
		this.type = type;
	}

	@Override
	public Class<?> javaType() {
		return this.type;
	}

	@Override
	public String pgType() {
		return "text";
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		String name = rs.getString(column);
		return name == null ? null : Enum.valueOf((Class<? extends Enum>) this.type, name);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.NULL);
		}
		else {
			ps.setObject(index, ((Enum<?>) value).name(), Types.OTHER);
		}
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		out.writeUtf8(((Enum<?>) value).name());
	}

	/**
	 * {@code text}; a column of a PostgreSQL enum type supplies its own id through the
	 * column metadata.
	 */
	@Override
	public int oid() {
		return PgTypes.TEXT;
	}

	@Override
	public String toText(Object value) {
		return ((Enum<?>) value).name();
	}

}
