package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Fits a codec chosen by Java type to the column's declared type. Parameters would mostly
 * work without this (the server casts), but binary COPY writes the column type's exact
 * format, so a {@code long} bound for an {@code int4} column must be written as four
 * bytes, a JSON document for a {@code json} column without {@code jsonb}'s version byte,
 * an array with the column's element oid. The adapted codec also checks, before anything
 * is sent, that an integer fits the column ({@link ArithmeticException}, reported by
 * {@link PropertyCodec} as a {@code DataIntegrityViolationException} naming the column).
 * Any value goes to a text column as its text form. A Java type whose binary format the
 * column's type cannot read is still bound as a parameter as before (the server casts it
 * or reports the column), but refuses {@link ValueCodec#writeBinary} with an
 * {@link InvalidDataAccessApiUsageException} naming the property, the column and both
 * types.
 */
final class ColumnCodecs {

	private static final Set<Class<?>> INTEGRAL = Set.of(Long.class, Integer.class, Short.class, BigInteger.class);

	private static final Set<Class<?>> FLOATING = Set.of(Double.class, Float.class);

	private ColumnCodecs() {
	}

	/**
	 * Adapts a codec to a column.
	 * @param codec the codec chosen for the property's Java type
	 * @param column the column's type
	 * @param where a description of the property, for the error
	 * @return the codec to use for the column, never {@code null}
	 */
	static ValueCodec adapt(ValueCodec codec, ColumnType column, String where) {
		if (codec instanceof ConvertingCodec converting) {
			return converting.withStore(adapt(converting.store(), column, where));
		}
		if (codec instanceof VectorCodec vector) {
			return column.isVector() ? vector.withDimensions(column.typmod())
					: new Unwritable(codec, mismatch(codec, column, where));
		}
		if (codec instanceof ArrayCodec array) {
			if (!column.isArray()) {
				return new Unwritable(codec, mismatch(codec, column, where));
			}
			return array.forElementColumn(adapt(array.element(), column.element(), where), column.elementOid());
		}
		if (column.isArray()) {
			return new Unwritable(codec, mismatch(codec, column, where));
		}
		int oid = column.oid();
		if (oid == codec.oid()) {
			return codec;
		}
		Class<?> type = codec.javaType();
		if (INTEGRAL.contains(type) && (oid == PgTypes.INT2 || oid == PgTypes.INT4 || oid == PgTypes.INT8)) {
			return new IntegerColumn(codec, oid);
		}
		if ((INTEGRAL.contains(type) || FLOATING.contains(type)) && oid == PgTypes.NUMERIC) {
			return new NumericColumn(codec);
		}
		if (FLOATING.contains(type) && (oid == PgTypes.FLOAT4 || oid == PgTypes.FLOAT8)) {
			return new FloatColumn(codec, oid);
		}
		if (codec instanceof JsonCodec json && (oid == PgTypes.JSON || PgTypes.isTextual(oid))) {
			return json.forJsonColumn();
		}
		if (codec instanceof TextAsJson text) {
			if (oid == PgTypes.JSON || oid == PgTypes.JSONB) {
				return new TextAsJson(text.delegate, oid == PgTypes.JSONB);
			}
			if (PgTypes.isTextual(oid)) {
				return text.delegate;
			}
		}
		if (codec.oid() == PgTypes.TEXT) {
			// String, char and enums: text bytes fit every text type, enums and text-like
			// user types
			if (PgTypes.isTextual(oid) || column.isUserDefined()) {
				return codec;
			}
			if (oid == PgTypes.JSON || oid == PgTypes.JSONB) {
				return new TextAsJson(codec, oid == PgTypes.JSONB);
			}
		}
		if (codec.oid() == 0) {
			// a codec registered by the application without an oid: trust it with the
			// column
			return codec;
		}
		if (PgTypes.isTextual(oid)) {
			return new AsText(codec);
		}
		return new Unwritable(codec, mismatch(codec, column, where));
	}

	private static String mismatch(ValueCodec codec, ColumnType column, String where) {
		String hint = column.oid() == PgTypes.JSON || column.oid() == PgTypes.JSONB
				? "; annotate the property with @Jsonb to store it as one JSON document" : "";
		return "Cannot write " + where + " to column \"" + column.column() + "\" of type " + column.name()
				+ " in binary COPY: values of " + codec.javaType().getName() + " are encoded as " + codec.pgType()
				+ hint;
	}

	/** Delegates everything except what the subclass fits to the column. */
	private abstract static class Adapted implements ValueCodec {

		final ValueCodec delegate;

		Adapted(ValueCodec delegate) {
			this.delegate = delegate;
		}

		@Override
		public Class<?> javaType() {
			return this.delegate.javaType();
		}

		@Override
		public String pgType() {
			return this.delegate.pgType();
		}

		@Override
		public @Nullable Object read(ResultSet rs, int column) throws SQLException {
			return this.delegate.read(rs, column);
		}

		/**
		 * NULL untyped: the column's type differs from the Java type's, and the server
		 * knows it.
		 */
		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				ps.setNull(index, Types.NULL);
			}
			else {
				this.delegate.bind(ps, index, value);
			}
		}

		@Override
		public String toText(Object value) {
			return this.delegate.toText(value);
		}

	}

	/** An integer written at the column's width, after a range check. */
	private static final class IntegerColumn extends Adapted {

		private final int oid;

		private final long min;

		private final long max;

		IntegerColumn(ValueCodec delegate, int oid) {
			super(delegate);
			this.oid = oid;
			this.min = oid == PgTypes.INT2 ? Short.MIN_VALUE : oid == PgTypes.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
			this.max = oid == PgTypes.INT2 ? Short.MAX_VALUE : oid == PgTypes.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
		}

		@Override
		public String pgType() {
			return PgTypes.name(this.oid);
		}

		@Override
		public int oid() {
			return this.oid;
		}

		private long checked(Object value) {
			long v;
			if (value instanceof BigInteger big) {
				if (big.bitLength() > 63) {
					throw outOfRange(value);
				}
				v = big.longValue();
			}
			else {
				v = ((Number) value).longValue();
			}
			if (v < this.min || v > this.max) {
				throw outOfRange(value);
			}
			return v;
		}

		private ArithmeticException outOfRange(Object value) {
			return new ArithmeticException(
					value + " is out of range for " + PgTypes.name(this.oid) + " [" + this.min + ", " + this.max + "]");
		}

		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				ps.setNull(index, this.oid == PgTypes.INT8 ? Types.BIGINT
						: this.oid == PgTypes.INT4 ? Types.INTEGER : Types.SMALLINT);
				return;
			}
			long v = checked(value);
			switch (this.oid) {
				case PgTypes.INT2 -> ps.setShort(index, (short) v);
				case PgTypes.INT4 -> ps.setInt(index, (int) v);
				default -> ps.setLong(index, v);
			}
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			long v = checked(value);
			switch (this.oid) {
				case PgTypes.INT2 -> out.writeShort((int) v);
				case PgTypes.INT4 -> out.writeInt((int) v);
				default -> out.writeLong(v);
			}
		}

	}

	/**
	 * A Java integer or float written to a {@code numeric} column in numeric's binary
	 * format.
	 */
	private static final class NumericColumn extends Adapted {

		NumericColumn(ValueCodec delegate) {
			super(delegate);
		}

		@Override
		public int oid() {
			return PgTypes.NUMERIC;
		}

		@Override
		public String pgType() {
			return "numeric";
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			if (value instanceof BigInteger big) {
				BinaryFormats.numeric(out, new BigDecimal(big));
			}
			else if (value instanceof Double || value instanceof Float) {
				double d = ((Number) value).doubleValue();
				if (Double.isNaN(d)) {
					BinaryFormats.numericNaN(out);
				}
				else if (Double.isInfinite(d)) {
					throw new ArithmeticException(d + " cannot be stored in a numeric column");
				}
				else {
					BinaryFormats.numeric(out, new BigDecimal(value.toString()));
				}
			}
			else {
				BinaryFormats.numeric(out, BigDecimal.valueOf(((Number) value).longValue()));
			}
		}

	}

	/**
	 * A float written at the column's width; a double too large for {@code real} is
	 * refused.
	 */
	private static final class FloatColumn extends Adapted {

		private final int oid;

		FloatColumn(ValueCodec delegate, int oid) {
			super(delegate);
			this.oid = oid;
		}

		@Override
		public int oid() {
			return this.oid;
		}

		@Override
		public String pgType() {
			return PgTypes.name(this.oid);
		}

		private double checked(Object value) {
			double d = ((Number) value).doubleValue();
			if (this.oid == PgTypes.FLOAT4 && Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
				throw new ArithmeticException(value + " is out of range for float4");
			}
			return d;
		}

		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				this.delegate.bind(ps, index, null);
			}
			else if (this.oid == PgTypes.FLOAT4) {
				ps.setFloat(index, (float) checked(value));
			}
			else {
				ps.setDouble(index, checked(value));
			}
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			double d = checked(value);
			if (this.oid == PgTypes.FLOAT4) {
				out.writeInt(Float.floatToIntBits((float) d));
			}
			else {
				out.writeLong(Double.doubleToLongBits(d));
			}
		}

	}

	/**
	 * A string holding a JSON document ({@code jsonb}): bound untyped, written with the
	 * version byte.
	 * @param text the codec of the text (String)
	 */
	static ValueCodec jsonText(ValueCodec text) {
		return new TextAsJson(text, true);
	}

	/** A string holding a JSON document, for a {@code json} or {@code jsonb} column. */
	private static final class TextAsJson extends Adapted {

		private final boolean jsonb;

		TextAsJson(ValueCodec delegate, boolean jsonb) {
			super(delegate);
			this.jsonb = jsonb;
		}

		@Override
		public int oid() {
			return this.jsonb ? PgTypes.JSONB : PgTypes.JSON;
		}

		@Override
		public String pgType() {
			return this.jsonb ? "jsonb" : "json";
		}

		@Override
		public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
			if (value == null) {
				ps.setNull(index, Types.NULL);
			}
			else {
				ps.setObject(index, this.delegate.toText(value), Types.OTHER);
			}
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			if (this.jsonb) {
				out.writeByte(1);
			}
			this.delegate.writeBinary(out, value);
		}

	}

	/**
	 * Any value in a text column: bound as before, written in binary COPY as its text
	 * form.
	 */
	private static final class AsText extends Adapted {

		AsText(ValueCodec delegate) {
			super(delegate);
		}

		@Override
		public int oid() {
			return PgTypes.TEXT;
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			out.writeUtf8(this.delegate.toText(value));
		}

	}

	/**
	 * A Java type the column's binary format cannot hold: bound as before, refused in
	 * binary COPY.
	 */
	private static final class Unwritable extends Adapted {

		private final String message;

		Unwritable(ValueCodec delegate, String message) {
			super(delegate);
			this.message = message;
		}

		@Override
		public int oid() {
			return this.delegate.oid();
		}

		@Override
		public void writeBinary(BinaryOutput out, Object value) {
			throw new InvalidDataAccessApiUsageException(this.message);
		}

	}

}
