package io.databridge.postgres.internal.convert;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import io.databridge.postgres.PgVectorSupport;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

import org.springframework.data.domain.Vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code vector} codec: binary COPY and parameter bytes equal {@code vector_send}'s
 * for the same value; parameters really travel in binary once the codec has bound through
 * a connection, rows of server-prepared statements arrive in binary and decode exactly,
 * the text form (other statements, connections the codec cannot register with)
 * round-trips every float exactly too.
 */
class VectorCodecIntegrationTests {

	static TestDatabase db;

	static Connection connection;

	static final ValueCodecs codecs = new ValueCodecs();

	@BeforeAll
	static void connect() throws Exception {
		db = TestDatabase.shared();
		PgVectorSupport.assumeVector(db);
		connection = db.openConnection();
	}

	@AfterAll
	static void close() throws Exception {
		if (connection != null) {
			connection.close();
		}
	}

	static float[] random(Random random, int dimensions) {
		float[] values = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			values[i] = switch (random.nextInt(10)) {
				case 0 -> Float.intBitsToFloat(random.nextInt()) % 1e30f;
				case 1 -> random.nextBoolean() ? Float.MIN_VALUE : -Float.MIN_VALUE;
				case 2 -> -0.0f;
				// a subnormal: exponent bits zero, a random non-zero fraction, either
				// sign
				case 3 ->
					Float.intBitsToFloat((random.nextInt(0x7fffff) + 1) | (random.nextBoolean() ? 0x80000000 : 0));
				case 4 -> random.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
				case 5 -> Float.MIN_NORMAL;
				default -> (float) random.nextGaussian();
			};
			if (!Float.isFinite(values[i])) {
				values[i] = 1.0f;
			}
		}
		return values;
	}

	@Test
	void shouldEncodeVectorsAsVectorSendDoes() throws Exception {
		Random random = new Random(20);
		ValueCodec codec = codecs.find(Vector.class);
		for (int dimensions : new int[] { 1, 3, 384, 1536 }) {
			float[] values = random(random, dimensions);
			byte[] server = BinaryCopy
				.copyOutFirstRow(connection, "SELECT '" + VectorCodec.format(values) + "'::vector")
				.get(0);
			assertThat(BinaryCopy.encode(codec, Vector.of(values))).as("%d dimensions", dimensions).isEqualTo(server);
			assertThat(BinaryCopy.encode(VectorCodec.of(float[].class), values)).isEqualTo(server);
		}
	}

	@Test
	void shouldRoundTripEveryFloatThroughParametersAndRows() throws Exception {
		Random random = new Random(7);
		ValueCodec codec = codecs.find(Vector.class);
		for (int round = 0; round < 20; round++) {
			float[] values = random(random, 1 + random.nextInt(400));
			try (PreparedStatement ps = connection.prepareStatement("SELECT ?::vector, vector_dims(?::vector)")) {
				codec.bind(ps, 1, Vector.of(values));
				codec.bind(ps, 2, Vector.of(values));
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					assertThat(((Vector) codec.read(rs, 1)).toFloatArray()).isEqualTo(values);
					assertThat(rs.getInt(2)).isEqualTo(values.length);
				}
			}
		}
	}

	@Test
	void shouldRefuseValuesPgvectorCannotStoreBeforeSending() {
		ValueCodec codec = codecs.find(Vector.class);
		assertThatIllegalArgumentException().isThrownBy(() -> BinaryCopy.encode(codec, Vector.of(1f, Float.NaN)))
			.withMessageContaining("element 1");
		assertThatIllegalArgumentException().isThrownBy(() -> BinaryCopy.encode(codec, Vector.of(new float[0])))
			.withMessageContaining("1 to 16000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BinaryCopy.encode(VectorCodec.of(Vector.class).withDimensions(3), Vector.of(1f, 2f)))
			.withMessageContaining("vector(3)");
	}

	@Test
	void shouldReadTheColumnsDimension() throws Exception {
		db.execute("CREATE TABLE IF NOT EXISTS vector_dims_probe (id int, v vector(5), w vector)");
		assertThat(ColumnTypes.typmod(connection, new ColumnTypes.Location("v", null, "vector_dims_probe")))
			.isEqualTo(5);
		assertThat(ColumnTypes.typmod(connection, new ColumnTypes.Location("w", "public", "vector_dims_probe")))
			.isEqualTo(-1);
	}

	/** The IEEE 754 bits of each element, so that -0.0 and 0.0 differ in assertions. */
	static int[] bits(float[] values) {
		int[] bits = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			bits[i] = Float.floatToRawIntBits(values[i]);
		}
		return bits;
	}

	/** {@code vector_send} of the value, computed by the server from its text literal. */
	static byte[] vectorSend(Connection connection, float[] values) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT vector_send('" + VectorCodec.format(values) + "'::vector)")) {
			rs.next();
			return rs.getBytes(1);
		}
	}

	@Test
	void shouldSendParametersAsVectorSendWritesThem() throws Exception {
		Random random = new Random(384);
		ValueCodec codec = codecs.find(Vector.class);
		try (Connection fresh = db.openConnection()) {
			for (int round = 0; round < 20; round++) {
				float[] values = random(random, 384);
				byte[] server = vectorSend(fresh, values);
				VectorObject object = new VectorObject(values);
				byte[] ours = new byte[object.lengthInBytes()];
				object.toBytes(ours, 0);
				assertThat(ours).as("round %d: the parameter's bytes", round).isEqualTo(server);
				assertThat(bits(VectorObject.decode(server, 0))).isEqualTo(bits(values));
				// Sent in binary (see the next test), the parameter reaches vector_recv;
				// a
				// vector parameter needs no cast, so vector_send gives back the value the
				// server decoded from the bytes.
				try (PreparedStatement ps = fresh.prepareStatement("SELECT vector_send(?::vector)")) {
					codec.bind(ps, 1, Vector.of(values));
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						assertThat(rs.getBytes(1)).as("round %d: vector_send of the parameter", round)
							.isEqualTo(server);
					}
				}
			}
		}
	}

	/**
	 * A {@code vector} parameter whose two forms disagree: its text is {@code [1,2,3]},
	 * its binary form has 1 in the header field that {@code vector_send} always writes as
	 * 0 and {@code vector_recv} refuses otherwise ("expected unused to be 0"). Selecting
	 * it answers {@code [1,2,3]} if pgjdbc sent the text and fails if it sent the binary
	 * form, which makes the format pgjdbc chose for {@code vector} on a connection
	 * observable on the server.
	 */
	static final class TwoFacedVector extends PGobject implements PGBinaryObject {

		TwoFacedVector() {
			this.type = "vector";
			this.value = "[1,2,3]";
		}

		@Override
		public void setByteValue(byte[] bytes, int offset) {
			throw new UnsupportedOperationException("a parameter-only test value: the tests send it, never read it");
		}

		@Override
		public int lengthInBytes() {
			return 4 + 3 * 4;
		}

		@Override
		public void toBytes(byte[] bytes, int offset) {
			byte[] form = new byte[lengthInBytes()];
			new VectorObject(new float[] { 1, 2, 3 }).toBytes(form, 0);
			form[3] = 1;
			System.arraycopy(form, 0, bytes, offset, form.length);
		}

	}

	static String selectText(Connection connection, PGobject parameter) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement("SELECT (?::vector)::text")) {
			ps.setObject(1, parameter);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	@Test
	void shouldSendParametersInBinaryOnceTheCodecHasBoundThroughTheConnection() throws Exception {
		try (Connection fresh = db.openConnection()) {
			// Before: pgjdbc sends a vector in the text form.
			assertThat(selectText(fresh, new TwoFacedVector())).isEqualTo("[1,2,3]");
			try (PreparedStatement ps = fresh.prepareStatement("SELECT ?::vector")) {
				PGobject text = new PGobject();
				text.setType("vector");
				text.setValue("[1.5,2.0]");
				ps.setObject(1, text);
				// pgjdbc renders a parameter it holds as text as a literal...
				assertThat(ps.toString()).contains("[1.5,2.0]");
				codecs.find(Vector.class).bind(ps, 1, Vector.of(1.5f, 2f));
				// ... and one it holds in binary, of a type it has no renderer for, as
				// "?"
				assertThat(ps.toString()).isEqualTo("SELECT ?::vector");
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					assertThat(rs.getString(1)).isEqualTo("[1.5,2]");
				}
			}
			// After the codec's first bind: vector parameters go in binary, to
			// vector_recv.
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> selectText(fresh, new TwoFacedVector()))
				.withMessageContaining("expected unused to be 0");
		}
	}

	@Test
	void shouldReadRowsInBinaryFromServerPreparedStatements() throws Exception {
		Random random = new Random(2020);
		ValueCodec codec = codecs.find(Vector.class);
		ValueCodec floats = VectorCodec.of(float[].class);
		db.execute("DROP TABLE IF EXISTS vector_binary_rows;"
				+ " CREATE TABLE vector_binary_rows (id int PRIMARY KEY, v vector(384))");
		float[][] rows = new float[50][];
		try (Connection fresh = db.openConnection()) {
			fresh.unwrap(PGConnection.class).setPrepareThreshold(1);
			try (PreparedStatement insert = fresh.prepareStatement("INSERT INTO vector_binary_rows VALUES (?, ?)")) {
				for (int id = 0; id < rows.length; id++) {
					rows[id] = random(random, 384);
					insert.setInt(1, id);
					codec.bind(insert, 2, Vector.of(rows[id]));
					insert.addBatch();
				}
				insert.executeBatch();
			}
			List<Integer> formats = new ArrayList<>();
			for (int execution = 0; execution < 3; execution++) {
				try (PreparedStatement select = fresh
					.prepareStatement("SELECT id, v, v::text FROM vector_binary_rows ORDER BY id");
						ResultSet rs = select.executeQuery()) {
					int format = rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(2);
					formats.add(format);
					int count = 0;
					while (rs.next()) {
						float[] expected = rows[rs.getInt(1)];
						assertThat(rs.getObject(2)).isInstanceOf(VectorObject.class);
						assertThat(bits(((Vector) codec.read(rs, 2)).toFloatArray())).isEqualTo(bits(expected));
						assertThat(bits((float[]) floats.read(rs, 2))).isEqualTo(bits(expected));
						// getString of the binary column is the text form, computed from
						// the
						// elements; it parses back to them, as the server's text does
						assertThat(bits(VectorCodec.parse(rs.getString(2)))).isEqualTo(bits(expected));
						assertThat(bits(VectorCodec.parse(rs.getString(3)))).isEqualTo(bits(expected));
						count++;
					}
					assertThat(count).isEqualTo(rows.length);
				}
			}
			// With prepareThreshold=1 the first execution prepares the statement on the
			// server but binds before its row description is known, so it gets text;
			// later executions ask for the vector column in binary (format 1).
			assertThat(formats).containsExactly(0, 1, 1);
		}
	}

	@Test
	void shouldRegisterThroughThePoolsWrapper() throws Exception {
		try (Connection pooled = db.dataSource().getConnection();
				PreparedStatement ps = pooled.prepareStatement("SELECT ?::vector")) {
			assertThat(pooled).isNotInstanceOf(BaseConnection.class);
			codecs.find(Vector.class).bind(ps, 1, Vector.of(1f, -0f));
			assertThat(pooled.unwrap(BaseConnection.class).getTypeInfo().getPGobject("vector"))
				.isEqualTo(VectorObject.class);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				assertThat(bits(((Vector) codecs.find(Vector.class).read(rs, 1)).toFloatArray()))
					.isEqualTo(bits(new float[] { 1f, -0f }));
			}
		}
	}

	@Test
	void shouldRegisterAtTheFirstReadWithoutABind() throws Exception {
		ValueCodec codec = codecs.find(Vector.class);
		try (Connection fresh = db.openConnection(); Statement statement = fresh.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT '[1,-0,3.5]'::vector")) {
				rs.next();
				assertThat(rs.getObject(1).getClass()).isEqualTo(PGobject.class);
				assertThat(bits(((Vector) codec.read(rs, 1)).toFloatArray()))
					.isEqualTo(bits(new float[] { 1f, -0f, 3.5f }));
			}
			try (ResultSet rs = statement.executeQuery("SELECT '[1,-0,3.5]'::vector")) {
				rs.next();
				assertThat(rs.getObject(1)).isInstanceOf(VectorObject.class);
				assertThat(bits(((Vector) codec.read(rs, 1)).toFloatArray()))
					.isEqualTo(bits(new float[] { 1f, -0f, 3.5f }));
			}
		}
	}

	@Test
	void shouldReadABinaryColumnWhenTheUrlEnablesBinaryWithoutTheClass() throws Exception {
		String oid = db.queryForString("SELECT 'vector'::regtype::oid");
		Properties properties = new Properties();
		properties.setProperty("user", db.username());
		if (db.password() != null) {
			properties.setProperty("password", db.password());
		}
		properties.setProperty("binaryTransferEnable", oid);
		properties.setProperty("prepareThreshold", "1");
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), properties)) {
			for (int execution = 0; execution < 3; execution++) {
				try (PreparedStatement ps = connection.prepareStatement("SELECT '[1,-0,3.5]'::vector");
						ResultSet rs = ps.executeQuery()) {
					rs.next();
					if (rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1) == 1) {
						// pgjdbc gives a PGobject without text; the codec reads the bytes
						PGobject object = (PGobject) rs.getObject(1);
						assertThat(object.getValue()).isNull();
						assertThat(bits(((Vector) codecs.find(Vector.class).read(rs, 1)).toFloatArray()))
							.isEqualTo(bits(new float[] { 1f, -0f, 3.5f }));
						return;
					}
				}
			}
			throw new AssertionError("the vector column never arrived in binary");
		}
	}

	@Test
	void shouldFailAsBeforeWhereTheExtensionIsMissing() throws Exception {
		TestDatabase plain = TestDatabase.create("vector codec without pgvector");
		try (Connection connection = plain.openConnection();
				PreparedStatement ps = connection.prepareStatement("SELECT ?")) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> codecs.find(Vector.class).bind(ps, 1, Vector.of(1f)))
				.withMessageContaining("Unknown type vector");
		}
		finally {
			plain.drop();
		}
	}

}
