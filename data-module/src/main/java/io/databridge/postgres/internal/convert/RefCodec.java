package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.databridge.postgres.mapping.LazyRef;
import io.databridge.postgres.mapping.Ref;
import org.jspecify.annotations.Nullable;

/**
 * Stores a {@link Ref} as its target's id, through the codec of that id's type: reads
 * give a {@link LazyRef} that the template later attaches to a loader.
 */
final class RefCodec implements ValueCodec {

	private final ValueCodec idCodec;

	RefCodec(ValueCodec idCodec) {
		this.idCodec = idCodec;
	}

	@Override
	public Class<?> javaType() {
		return Ref.class;
	}

	@Override
	public String pgType() {
		return this.idCodec.pgType();
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		Object id = this.idCodec.read(rs, column);
		return id == null ? null : new LazyRef<>(id);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		this.idCodec.bind(ps, index, value == null ? null : ((Ref<?>) value).id());
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		this.idCodec.writeBinary(out, ((Ref<?>) value).id());
	}

}
