package io.databridge.postgres.internal.convert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A pgvector {@code vector} value as pgjdbc carries it: a {@link PGobject} of type
 * {@code vector} that also has a binary form ({@link PGBinaryObject}), the one
 * {@code vector_send} writes and {@code vector_recv} reads: the dimension as an
 * {@code int16}, an unused {@code int16} (zero), then each element as a big-endian IEEE
 * 754 {@code float4}.
 *
 * <p>
 * {@link #register(Connection)} makes it the class pgjdbc uses for {@code vector} on a
 * connection ({@code PGConnection.addDataType}); pgjdbc then sends such parameters in
 * binary and asks for {@code vector} result columns in binary wherever it asks for binary
 * results (server-prepared statements), and {@code ResultSet.getObject} returns this
 * class, decoded from the binary form ({@link #setByteValue}) or from the text form
 * ({@link #setValue}), whichever the server sent. The text form ({@link #getValue}, and
 * so {@code ResultSet.getString}) is computed from the elements when the value arrived in
 * binary.
 *
 * <p>
 * Public because pgjdbc instantiates it reflectively; it is not part of data-bridge's
 * API. Not thread-safe, like {@link PGobject}.
 */
public class VectorObject extends PGobject implements PGBinaryObject {

	private static final long serialVersionUID = 1L;

	/** The type name pgjdbc knows this class by. */
	static final String TYPE = "vector";

	private float @Nullable [] values;

	/**
	 * An empty value of type {@code vector}, as pgjdbc creates it before calling
	 * {@link #setByteValue} or {@link #setValue}.
	 */
	public VectorObject() {
		this.type = TYPE;
	}

	/**
	 * A value holding the given elements (not copied).
	 * @param values the elements
	 */
	VectorObject(float[] values) {
		this();
		this.values = values;
	}

	/**
	 * Makes this class the one pgjdbc uses for {@code vector} on the connection, which
	 * also enables binary transfer of {@code vector} both ways there (pgjdbc does so for
	 * every {@link PGBinaryObject} data type unless the connection uses the simple query
	 * protocol or the URL disables binary transfer of the type). Does nothing when the
	 * connection is not pgjdbc's, or when a class is already registered for
	 * {@code vector} on it (this one, or an application's own, which is left alone); the
	 * check is one map look-up. Never fails: any {@link SQLException} leaves the
	 * connection as it was, and values then travel in the text form.
	 * @param connection the connection, possibly a pool's wrapper
	 */
	static void register(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			if (!connection.isWrapperFor(BaseConnection.class)) {
				return;
			}
			BaseConnection pg = connection.unwrap(BaseConnection.class);
			if (pg.getTypeInfo().getPGobject(TYPE) == null) {
				pg.addDataType(TYPE, VectorObject.class);
			}
		}
		catch (SQLException ex) {
			// Leave the connection alone: values travel in the text form, as they did
			// before.
		}
	}

	/**
	 * The elements, decoded from the text form if the value arrived as text.
	 * @return the elements (not a copy), never {@code null}
	 * @throws IllegalArgumentException if the value is SQL NULL or its text is not a
	 * vector
	 */
	float[] floats() {
		float[] known = this.values;
		if (known == null) {
			String text = this.value;
			if (text == null) {
				throw new IllegalArgumentException("the vector value is NULL");
			}
			known = VectorCodec.parse(text);
			this.values = known;
		}
		return known;
	}

	/**
	 * Sets the value from its text form ({@code [1,2.5,-3]}), as pgjdbc does for a column
	 * received as text.
	 * @param value the text, or {@code null} for SQL NULL
	 */
	@Override
	public void setValue(@Nullable String value) {
		this.value = value;
		this.values = null;
	}

	/**
	 * The text form, computed from the elements if the value arrived in binary.
	 * @return the text, or {@code null} for SQL NULL
	 */
	@Override
	public @Nullable String getValue() {
		String text = this.value;
		float[] known = this.values;
		if (text == null && known != null) {
			text = VectorCodec.format(known);
			this.value = text;
		}
		return text;
	}

	/**
	 * Whether this is SQL NULL: neither elements nor a text form.
	 * @return {@code true} for SQL NULL
	 */
	@Override
	public boolean isNull() {
		return this.value == null && this.values == null;
	}

	/**
	 * Decodes {@code vector_send}'s format, as pgjdbc does for a column received in
	 * binary.
	 * @param bytes the buffer
	 * @param offset where the value starts in it
	 * @throws SQLException (SQLState {@code 22P03}) if the bytes are not a vector's
	 * binary form
	 */
	@Override
	public void setByteValue(byte[] bytes, int offset) throws SQLException {
		this.values = decode(bytes, offset);
		this.value = null;
	}

	/**
	 * The length of the binary form: 4 bytes of header and 4 per element, or 0 for SQL
	 * NULL (which pgjdbc binds as NULL).
	 * @return the length in bytes
	 */
	@Override
	public int lengthInBytes() {
		return isNull() ? 0 : 4 + 4 * floats().length;
	}

	/**
	 * Writes the binary form.
	 * @param bytes the buffer, with {@link #lengthInBytes()} bytes free from
	 * {@code offset}
	 * @param offset where to write
	 */
	@Override
	public void toBytes(byte[] bytes, int offset) {
		float[] elements = floats();
		int at = offset;
		at = putShort(bytes, at, elements.length);
		at = putShort(bytes, at, 0);
		for (float element : elements) {
			int bits = Float.floatToRawIntBits(element);
			bytes[at++] = (byte) (bits >>> 24);
			bytes[at++] = (byte) (bits >>> 16);
			bytes[at++] = (byte) (bits >>> 8);
			bytes[at++] = (byte) bits;
		}
	}

	private static int putShort(byte[] bytes, int at, int value) {
		bytes[at] = (byte) (value >>> 8);
		bytes[at + 1] = (byte) value;
		return at + 2;
	}

	/**
	 * Decodes {@code vector_send}'s format.
	 * @param bytes the buffer
	 * @param offset where the value starts
	 * @return the elements
	 * @throws SQLException (SQLState {@code 22P03}) if the bytes are not a vector's
	 * binary form
	 */
	static float[] decode(byte[] bytes, int offset) throws SQLException {
		int available = bytes.length - offset;
		if (available < 4) {
			throw new SQLException("a vector's binary form has at least 4 bytes, this one has " + available, "22P03");
		}
		int dimensions = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
		int unused = ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
		if (unused != 0 || available != 4 + 4 * dimensions) {
			throw new SQLException("not a vector's binary form: " + available + " bytes for " + dimensions
					+ " dimensions, header field " + unused, "22P03");
		}
		float[] elements = new float[dimensions];
		int at = offset + 4;
		for (int i = 0; i < dimensions; i++) {
			elements[i] = Float.intBitsToFloat(((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
					| ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff));
			at += 4;
		}
		return elements;
	}

	/**
	 * A copy with its own elements.
	 * @return the copy
	 */
	@Override
	public VectorObject clone() throws CloneNotSupportedException {
		VectorObject copy = (VectorObject) super.clone();
		float[] known = this.values;
		copy.values = known == null ? null : known.clone();
		return copy;
	}

	/**
	 * Equal to another {@code VectorObject} with the same elements (compared bit for bit,
	 * so {@code -0.0} differs from {@code 0.0}), or the same text when either has no
	 * valid elements.
	 * @param other the other object
	 * @return whether they are equal
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof VectorObject that)) {
			return false;
		}
		float[] mine = elementsOrNull();
		float[] theirs = that.elementsOrNull();
		if (mine != null && theirs != null) {
			return Arrays.equals(mine, theirs);
		}
		return mine == null && theirs == null && Objects.equals(this.value, that.value);
	}

	/**
	 * A hash of the elements (or of the text when it is not a vector).
	 * @return the hash
	 */
	@Override
	public int hashCode() {
		float[] mine = elementsOrNull();
		return mine != null ? Arrays.hashCode(mine) : Objects.hashCode(this.value);
	}

	private float @Nullable [] elementsOrNull() {
		if (isNull()) {
			return null;
		}
		try {
			return floats();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The text form, as {@link #getValue()}.
	 * @return the text, or {@code null} for SQL NULL
	 */
	@Override
	public String toString() {
		return getValue();
	}

}
