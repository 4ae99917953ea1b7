package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.jspecify.annotations.Nullable;

/**
 * A codec made of two small functions; SQL NULL is handled here once for all of them.
 */
final class SimpleCodec implements ValueCodec {

	@FunctionalInterface
	interface Reader {

		@Nullable Object read(ResultSet rs, int column) throws SQLException;

	}

	@FunctionalInterface
	interface Binder {

		void bind(PreparedStatement ps, int index, Object value) throws SQLException;

	}

	@FunctionalInterface
	interface Encoder {

		void write(BinaryOutput out, Object value);

	}

	private final Class<?> javaType;

	private final Reader reader;

	private final Binder binder;

	private final int nullType;

	private final String pgType;

	private final Encoder encoder;

	private final int oid;

	private final Formatter formatter;

	/** Formats a non-null value as text for PostgreSQL's input function. */
	@FunctionalInterface
	interface Formatter {

		String format(Object value);

	}

	SimpleCodec(Class<?> javaType, String pgType, int nullType, Reader reader, Binder binder, Encoder encoder) {
		this.javaType = javaType;
		this.pgType = pgType;
		this.encoder = encoder;
		this.nullType = nullType;
		this.reader = reader;
		this.binder = binder;
		this.oid = PgTypes.oid(pgType);
		this.formatter = Object::toString;
	}

	private SimpleCodec(SimpleCodec codec, Formatter formatter) {
		this.javaType = codec.javaType;
		this.pgType = codec.pgType;
		this.encoder = codec.encoder;
		this.nullType = codec.nullType;
		this.reader = codec.reader;
		this.binder = codec.binder;
		this.oid = codec.oid;
		this.formatter = formatter;
	}

	/** This codec with another text form than {@code toString()} for array parameters. */
	SimpleCodec withText(Formatter formatter) {
		return new SimpleCodec(this, formatter);
	}

	/** For wrapper-like types read with a primitive getter: checks {@code wasNull()}. */
	static SimpleCodec primitive(Class<?> javaType, String pgType, int nullType, Reader reader, Binder binder,
			Encoder encoder) {
		return new SimpleCodec(javaType, pgType, nullType, (rs, column) -> {
			Object value = reader.read(rs, column);
			return rs.wasNull() ? null : value;
		}, binder, encoder);
	}

	/** The function that writes a binary payload, for writers that call it directly. */
	Encoder encoder() {
		return this.encoder;
	}

	/** The function that reads a column, for readers that call it directly. */
	Reader reader() {
		return this.reader;
	}

	@Override
	public Class<?> javaType() {
		return this.javaType;
	}

	@Override
	public String pgType() {
		return this.pgType;
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		return this.reader.read(rs, column);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, this.nullType == Types.OTHER ? Types.NULL : this.nullType);
		}
		else {
			this.binder.bind(ps, index, value);
		}
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		this.encoder.write(out, value);
	}

	@Override
	public int oid() {
		return this.oid;
	}

	@Override
	public String toText(Object value) {
		return this.formatter.format(value);
	}

	@Override
	public String toString() {
		return "codec for " + this.javaType.getName();
	}

}
