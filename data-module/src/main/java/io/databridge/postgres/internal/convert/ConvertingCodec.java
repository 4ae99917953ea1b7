package io.databridge.postgres.internal.convert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;

/**
 * A user type stored through a built-in codec by a pair of Spring converters (for example
 * {@code Money} written as {@code BigDecimal}): every path, binding, reading and binary
 * COPY, converts first and then uses the store type's codec. A side without a converter
 * is refused when used. Thread-safe when the converters are.
 */
final class ConvertingCodec implements ValueCodec {

	private final Class<?> javaType;

	private final ValueCodec store;

	private final @Nullable Converter<Object, Object> writer;

	private final @Nullable Converter<Object, Object> reader;

	ConvertingCodec(Class<?> javaType, ValueCodec store, @Nullable Converter<Object, Object> writer,
			@Nullable Converter<Object, Object> reader) {
		this.javaType = javaType;
		this.store = store;
		this.writer = writer;
		this.reader = reader;
	}

	/** The codec of the store type. */
	ValueCodec store() {
		return this.store;
	}

	/** This codec over another store codec (one adapted to a column). */
	ConvertingCodec withStore(ValueCodec adapted) {
		return new ConvertingCodec(this.javaType, adapted, this.writer, this.reader);
	}

	@Override
	public Class<?> javaType() {
		return this.javaType;
	}

	@Override
	public String pgType() {
		return this.store.pgType();
	}

	@Override
	public int oid() {
		return this.store.oid();
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		Object stored = this.store.read(rs, column);
		if (stored == null) {
			return null;
		}
		if (this.reader == null) {
			throw new IllegalArgumentException("No reading converter from " + this.store.javaType().getName() + " to "
					+ this.javaType.getName() + " is registered in PgConverters");
		}
		return this.reader.convert(stored);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		this.store.bind(ps, index, value == null ? null : write(value));
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		this.store.writeBinary(out, write(value));
	}

	@Override
	public String toText(Object value) {
		return this.store.toText(write(value));
	}

	private Object write(Object value) {
		if (this.writer == null) {
			throw new IllegalArgumentException("No writing converter from " + this.javaType.getName() + " to "
					+ this.store.javaType().getName() + " is registered in PgConverters");
		}
		Object stored = this.writer.convert(value);
		if (stored == null) {
			throw new IllegalArgumentException(
					"The writing converter for " + this.javaType.getName() + " returned null for " + value);
		}
		return stored;
	}

	@Override
	public String toString() {
		return "codec for " + this.javaType.getName() + " through " + this.store;
	}

}
