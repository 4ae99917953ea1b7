package io.databridge.postgres.internal.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;

import io.databridge.postgres.PgVectorSupport;
import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code vector} codec: binary COPY bytes equal {@code vector_send}'s for the same
 * value, and the text form used for parameters and rows round-trips every float exactly.
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
			values[i] = switch (random.nextInt(6)) {
				case 0 -> Float.intBitsToFloat(random.nextInt()) % 1e30f;
				case 1 -> Float.MIN_VALUE;
				case 2 -> -0.0f;
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

}
