package io.databridge.postgres.internal.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.postgresql.PGConnection;

import org.springframework.data.mapping.PersistentPropertyAccessor;

/**
 * Test helper: binary COPY through pgjdbc's CopyManager, with rows encoded by the codecs'
 * {@link ValueCodec#writeBinary}: the signature {@code PGCOPY\n\377\r\n\0}, int32 flags
 * 0, int32 header extension length 0, per row an int16 field count and length-prefixed
 * fields, then the int16 trailer -1. Also reads single values back in the server's binary
 * format.
 */
final class BinaryCopy {

	private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	private BinaryCopy() {
	}

	/**
	 * Copies entities into their table, every mapped column, with the given column
	 * codecs.
	 */
	static <T> long copyIn(Connection connection, PgPersistentEntity<T> entity, ValueCodec[] codecs, List<T> rows)
			throws SQLException, IOException {
		List<PgPersistentProperty> columns = entity.columns();
		BinaryOutput out = new BinaryOutput(1024);
		out.write(SIGNATURE);
		out.writeInt(0);
		out.writeInt(0);
		for (T row : rows) {
			PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(row);
			out.writeShort(columns.size());
			for (int i = 0; i < columns.size(); i++) {
				Object value = accessor.getProperty(columns.get(i));
				if (value == null) {
					out.writeNull();
				}
				else {
					int mark = out.beginField();
					codecs[i].writeBinary(out, value);
					out.endField(mark);
				}
			}
		}
		out.writeShort(-1);
		String sql = "COPY " + entity.tableName() + " ("
				+ columns.stream().map(PgPersistentProperty::columnName).collect(Collectors.joining(", "))
				+ ") FROM STDIN (FORMAT binary)";
		return connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn(sql, new ByteArrayInputStream(out.array(), 0, out.size()));
	}

	/**
	 * The fields of the first row of {@code COPY (select) TO STDOUT (FORMAT binary)};
	 * null for NULL.
	 */
	static List<byte[]> copyOutFirstRow(Connection connection, String select) throws SQLException, IOException {
		return copyOut(connection, select).get(0);
	}

	/**
	 * Every row of {@code COPY (select) TO STDOUT (FORMAT binary)}, as fields; null for
	 * NULL.
	 */
	static List<List<byte[]>> copyOut(Connection connection, String select) throws SQLException, IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)", bytes);
		ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
		in.position(SIGNATURE.length + 4);
		in.position(in.position() + 4 + in.getInt(SIGNATURE.length + 4));
		List<List<byte[]>> rows = new ArrayList<>();
		for (int count = in.getShort(); count != -1; count = in.getShort()) {
			List<byte[]> fields = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int length = in.getInt();
				if (length < 0) {
					fields.add(null);
				}
				else {
					byte[] field = new byte[length];
					in.get(field);
					fields.add(field);
				}
			}
			rows.add(fields);
		}
		return rows;
	}

	/** A value's payload as the codec writes it. */
	static byte[] encode(ValueCodec codec, Object value) {
		BinaryOutput out = new BinaryOutput(64);
		codec.writeBinary(out, value);
		return java.util.Arrays.copyOf(out.array(), out.size());
	}

}
