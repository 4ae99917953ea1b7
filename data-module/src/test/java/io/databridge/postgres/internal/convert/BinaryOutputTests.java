package io.databridge.postgres.internal.convert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BinaryOutput}'s own UTF-8 encoder writes what the JDK's writes, and refuses NUL
 * and lone surrogates without leaving part of the text behind.
 */
class BinaryOutputTests {

	@Test
	void shouldEncodeTextAsTheJdkDoes() {
		String[] samples = { "", "ascii only", "caf\u00e9", "\u00ff\u0100\u07ff\u0800\uffff", "\u20ac 100",
				"emoji \ud83d\ude00 and \ud800\udc00 and \udbff\udfff", "mixed \u00e9\u4e2d\ud83d\ude00x",
				"x".repeat(1000) + "\u00e9" };
		for (String sample : samples) {
			assertThat(written(sample)).as(sample).isEqualTo(sample.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void shouldEncodeRandomValidTextAsTheJdkDoes() {
		Random random = new Random(42);
		for (int n = 0; n < 2_000; n++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(200);
			while (text.length() < length) {
				int codePoint = switch (random.nextInt(4)) {
					case 0 -> 1 + random.nextInt(0x7F);
					case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
					case 2 -> 0x800 + random.nextInt(0xD800 - 0x800);
					default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
				};
				text.appendCodePoint(codePoint);
			}
			String value = text.toString();
			assertThat(written(value)).as(value).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void shouldRefuseNulAnywhereAndWriteNothingOfTheText() {
		for (String value : new String[] { "\u0000", "ab\u0000c", "\u00e9\u0000", "\ud83d\ude00\u0000" }) {
			BinaryOutput out = new BinaryOutput(16);
			out.writeInt(7);
			assertThatIllegalArgumentException().isThrownBy(() -> out.writeText(value))
				.withMessageContaining("NUL character (U+0000) at index " + value.indexOf('\u0000'));
			assertThat(out.size()).isEqualTo(4);
		}
	}

	@Test
	void shouldRefuseLoneSurrogatesAndWriteNothingOfTheText() {
		String[] values = { "\ud800", "a\udc00", "\ud83d", "\ud83dx", "\u00e9\udc00\ud800", "x\ud83d\ude00\ude00" };
		int[] at = { 0, 1, 0, 0, 1, 3 };
		for (int i = 0; i < values.length; i++) {
			BinaryOutput out = new BinaryOutput(16);
			String value = values[i];
			assertThatIllegalArgumentException().isThrownBy(() -> out.writeText(value))
				.withMessageContaining("lone UTF-16 surrogate")
				.withMessageContaining("at index " + at[i]);
			assertThat(out.size()).isZero();
		}
	}

	@Test
	void shouldWriteBigEndianIntegers() {
		BinaryOutput out = new BinaryOutput(1);
		out.writeInt(0x01020304);
		out.writeLong(0x05060708090A0B0CL);
		out.writeShort(0x0D0E);
		assertThat(Arrays.copyOf(out.array(), out.size())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
				14);
	}

	private static byte[] written(String value) {
		BinaryOutput out = new BinaryOutput(1);
		out.writeText(value);
		return Arrays.copyOf(out.array(), out.size());
	}

}
