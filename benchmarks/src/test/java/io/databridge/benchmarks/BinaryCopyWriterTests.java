package io.databridge.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the hand-written binary COPY encoder byte by byte for the fields whose format is
 * easy to get wrong.
 */
class BinaryCopyWriterTests {

	@Test
	void shouldEncodeNumericInBase10000Digits() throws IOException {
		// 12345.67 = 1|2345.6700: weight 1, digits 1, 2345, 6700, dscale 2
		assertThat(numeric(new BigDecimal("12345.67"))).containsExactly(3, 1, 0, 2, 1, 2345, 6700);
		assertThat(numeric(new BigDecimal("-0.05"))).containsExactly(1, -1, 0x4000, 2, 500);
		assertThat(numeric(new BigDecimal("0.00"))).containsExactly(0, 0, 0, 2);
		assertThat(numeric(new BigDecimal("100000000.00"))).containsExactly(1, 2, 0, 2, 1);
	}

	@Test
	void shouldEncodeTimestamptzAsMicrosSince2000() throws IOException {
		DataInputStream in = encode(row(BigDecimal.ONE, Instant.parse("2000-01-01T00:00:01.000002Z")));
		skipTo(in, 7);
		assertThat(in.readInt()).isEqualTo(8);
		assertThat(in.readLong()).isEqualTo(1_000_002L);
	}

	private static int[] numeric(BigDecimal value) throws IOException {
		DataInputStream in = encode(row(value, Instant.EPOCH));
		skipTo(in, 6);
		int length = in.readInt();
		int[] shorts = new int[length / 2];
		for (int i = 0; i < shorts.length; i++) {
			shorts[i] = in.readShort();
		}
		return shorts;
	}

	private static BenchRow row(BigDecimal balance, Instant createdAt) {
		return new BenchRow(1, "n", "e", 2, true, 1.5, balance, createdAt, new UUID(1, 2), "{}");
	}

	private static DataInputStream encode(BenchRow row) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BinaryCopyWriter writer = new BinaryCopyWriter(bytes);
		writer.write(row);
		writer.finish();
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
		in.skipNBytes(19);
		assertThat(in.readShort()).isEqualTo((short) 10);
		return in;
	}

	/** Skips the fields before field {@code index} (0-based). */
	private static void skipTo(DataInputStream in, int index) throws IOException {
		for (int i = 0; i < index; i++) {
			in.skipNBytes(in.readInt());
		}
	}

}
