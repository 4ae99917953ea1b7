package io.databridge.postgres.internal.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGobject;

import org.springframework.data.domain.Vector;

/**
 * The codec of pgvector's {@code vector} type, for Spring Data {@link Vector} properties
 * and {@code @VectorColumn float[]} ones.
 *
 * <p>
 * Values travel in {@code vector_send}'s binary format: the dimension as an
 * {@code int16}, an unused {@code int16} (zero), then each element as a big-endian IEEE
 * 754 {@code float4}. Binary COPY writes it directly ({@link #writeBinary}). Parameters
 * are bound as a {@link VectorObject}, which pgjdbc sends in that format once the codec
 * has registered the class for {@code vector} on the physical connection
 * ({@link VectorObject#register}, at the first bind or read through it; the type's oid
 * differs per database, as pgvector is an extension, and pgjdbc learns it by name). The
 * registration also makes pgjdbc ask for {@code vector} result columns in binary, which
 * it does for server-prepared statements (from the {@code prepareThreshold}-th execution
 * of a statement on a connection); other results arrive in the text form
 * ({@code [1,2.5,-3]}). {@link #read} accepts both. Where the registration is not
 * possible (a connection that is not pgjdbc's, the simple query protocol, binary transfer
 * of the type disabled in the URL, another class registered for {@code vector} by the
 * application), parameters and rows use the text form, which is lossless too: Java and
 * pgvector both print a {@code float} as the shortest decimal that parses back to it.
 *
 * <p>
 * Values are checked before they are sent: at most {@value #MAX_DIMENSIONS} elements, all
 * finite (pgvector refuses NaN and infinities), and as many as the column's declared
 * dimension. The dimension comes from the column type read with the entity's other
 * columns ({@link #withDimensions}) or, for a codec created for a property without it,
 * from the catalog at the first write through a connection ({@link ColumnTypes#typmod}),
 * then kept. Thread-safe.
 */
final class VectorCodec implements ValueCodec {

	/** pgvector's limit on the number of dimensions of a {@code vector}. */
	static final int MAX_DIMENSIONS = 16_000;

	private static final int UNKNOWN = -2;

	private static final int ANY = -1;

	private final Class<?> javaType;

	private final ColumnTypes.@Nullable Location column;

	private volatile int dimensions;

	private VectorCodec(Class<?> javaType, ColumnTypes.@Nullable Location column, int dimensions) {
		this.javaType = javaType;
		this.column = column;
		this.dimensions = dimensions;
	}

	/**
	 * A codec for a Java type ({@link Vector} or {@code float[]}) that accepts any
	 * dimension.
	 */
	static VectorCodec of(Class<?> javaType) {
		return new VectorCodec(javaType, null, ANY);
	}

	/**
	 * A codec that learns the dimension of the given column from the catalog at its first
	 * write.
	 */
	VectorCodec forColumn(ColumnTypes.Location location) {
		return new VectorCodec(this.javaType, location, UNKNOWN);
	}

	/**
	 * A codec for a column of known type modifier: its dimension, or -1 for a
	 * {@code vector} column without one.
	 */
	VectorCodec withDimensions(int typmod) {
		return new VectorCodec(this.javaType, null, typmod > 0 ? typmod : ANY);
	}

	@Override
	public Class<?> javaType() {
		return this.javaType;
	}

	@Override
	public String pgType() {
		return "vector";
	}

	@Override
	public @Nullable Object read(ResultSet rs, int column) throws SQLException {
		Object object = rs.getObject(column);
		if (object == null) {
			return null;
		}
		float[] values;
		if (object instanceof VectorObject vector) {
			values = vector.floats();
		}
		else {
			values = readUnregistered(rs, column, object);
		}
		return this.javaType == float[].class ? values : Vector.unsafe(values);
	}

	/**
	 * Reads a value pgjdbc did not give as a {@link VectorObject}: a {@link PGobject} or
	 * a string in the text form, as on a connection this codec has not yet registered
	 * with (which it then does, for the next statements), or with another class
	 * registered for the type; or a {@link PGobject} without text, as pgjdbc gives a
	 * column received in binary when no class is registered for the type (binary transfer
	 * enabled by the URL).
	 */
	private static float[] readUnregistered(ResultSet rs, int column, Object object) throws SQLException {
		String text = object instanceof PGobject pg ? pg.getValue() : object.toString();
		if (text == null) {
			byte[] bytes = rs.getBytes(column);
			if (bytes == null) {
				throw new SQLException("column " + column + " is a vector in neither text nor binary form", "22P03");
			}
			return VectorObject.decode(bytes, 0);
		}
		if (object.getClass() == PGobject.class || object instanceof String) {
			Statement statement = rs.getStatement();
			if (statement != null) {
				VectorObject.register(statement.getConnection());
			}
		}
		return parse(text);
	}

	@Override
	public void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.OTHER);
			return;
		}
		float[] values = floats(value);
		Connection connection = ps.getConnection();
		check(values, dimensions(connection));
		VectorObject.register(connection);
		ps.setObject(index, new VectorObject(values));
	}

	@Override
	public void writeBinary(BinaryOutput out, Object value) {
		float[] values = floats(value);
		check(values, this.dimensions == UNKNOWN ? ANY : this.dimensions);
		out.writeShort(values.length);
		out.writeShort(0);
		for (float element : values) {
			out.writeInt(Float.floatToIntBits(element));
		}
	}

	@Override
	public String toText(Object value) {
		return format(floats(value));
	}

	private int dimensions(Connection connection) throws SQLException {
		int known = this.dimensions;
		ColumnTypes.Location location = this.column;
		if (known == UNKNOWN && location != null) {
			int typmod = ColumnTypes.typmod(connection, location);
			known = typmod > 0 ? typmod : ANY;
			this.dimensions = known;
		}
		return known;
	}

	private static void check(float[] values, int dimensions) {
		if (values.length == 0 || values.length > MAX_DIMENSIONS) {
			throw new IllegalArgumentException(
					"a vector has 1 to " + MAX_DIMENSIONS + " dimensions, this one has " + values.length);
		}
		if (dimensions > 0 && values.length != dimensions) {
			throw new IllegalArgumentException(
					"the vector has " + values.length + " dimensions but the column is vector(" + dimensions + ")");
		}
		for (int i = 0; i < values.length; i++) {
			if (!Float.isFinite(values[i])) {
				throw new IllegalArgumentException(
						"element " + i + " of the vector is " + values[i] + "; pgvector stores only finite values");
			}
		}
	}

	static float[] floats(Object value) {
		if (value instanceof float[] array) {
			return array;
		}
		if (value instanceof Vector vector) {
			return vector.toFloatArray();
		}
		throw new IllegalArgumentException("a vector value must be a " + Vector.class.getName() + " or float[], not "
				+ value.getClass().getName());
	}

	static String format(float[] values) {
		StringBuilder text = new StringBuilder(values.length * 10 + 2).append('[');
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append(values[i]);
		}
		return text.append(']').toString();
	}

	static float[] parse(String text) {
		int end = text.length() - 1;
		if (end < 1 || text.charAt(0) != '[' || text.charAt(end) != ']') {
			throw new IllegalArgumentException("not a vector: " + (text.length() > 40 ? text.substring(0, 40) : text));
		}
		int count = 1;
		for (int i = 1; i < end; i++) {
			if (text.charAt(i) == ',') {
				count++;
			}
		}
		float[] values = new float[count];
		int start = 1;
		for (int i = 0; i < count; i++) {
			int comma = text.indexOf(',', start);
			int stop = comma < 0 || comma > end ? end : comma;
			values[i] = Float.parseFloat(text.substring(start, stop));
			start = stop + 1;
		}
		return values;
	}

	@Override
	public String toString() {
		return "vector codec for " + this.javaType.getSimpleName();
	}

}
