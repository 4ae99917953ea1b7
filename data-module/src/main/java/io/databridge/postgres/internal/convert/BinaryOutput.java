package io.databridge.postgres.internal.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for PostgreSQL's binary format, as used by
 * {@code COPY ... FROM STDIN (FORMAT binary)}. A field is written as
 * {@link #beginField()}, the value's payload through a {@link ValueCodec#writeBinary},
 * then {@link #endField(int)}, which back-patches the 4-byte length; fields nest (array
 * elements are fields too). Text is encoded to UTF-8 straight into the buffer, checked in
 * the same pass ({@link #writeText(String)}).
 *
 * <p>
 * Not thread-safe: one per COPY stream.
 */
public final class BinaryOutput {

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private byte[] buffer;

	/** The characters of the text being written, reused. */
	private char[] chars = new char[128];

	private int position;

	/** Creates a buffer with the given initial capacity in bytes. */
	public BinaryOutput(int capacity) {
		this.buffer = new byte[Math.max(capacity, 64)];
	}

	/** The number of bytes written since the last {@link #reset()}. */
	public int size() {
		return this.position;
	}

	/** Forgets the written bytes, keeping the capacity. */
	public void reset() {
		this.position = 0;
	}

	/** Writes the buffered bytes to a stream and resets. */
	public void drainTo(OutputStream out) throws IOException {
		out.write(this.buffer, 0, this.position);
		this.position = 0;
	}

	/** The backing array; valid up to {@link #size()}. */
	public byte[] array() {
		return this.buffer;
	}

	/**
	 * Reserves a field's length and returns the mark to pass to {@link #endField(int)}.
	 */
	public int beginField() {
		ensure(4);
		int mark = this.position;
		this.position += 4;
		return mark;
	}

	/** Back-patches the length of the field begun at {@code mark}. */
	public void endField(int mark) {
		int length = this.position - mark - 4;
		this.buffer[mark] = (byte) (length >>> 24);
		this.buffer[mark + 1] = (byte) (length >>> 16);
		this.buffer[mark + 2] = (byte) (length >>> 8);
		this.buffer[mark + 3] = (byte) length;
	}

	/** Writes a NULL field (length -1). */
	public void writeNull() {
		writeInt(-1);
	}

	/** Writes one byte. */
	public void writeByte(int value) {
		ensure(1);
		this.buffer[this.position++] = (byte) value;
	}

	/** Writes a 16-bit integer. */
	public void writeShort(int value) {
		ensure(2);
		this.buffer[this.position++] = (byte) (value >>> 8);
		this.buffer[this.position++] = (byte) value;
	}

	/** Writes a 32-bit integer. */
	public void writeInt(int value) {
		ensure(4);
		INT.set(this.buffer, this.position, value);
		this.position += 4;
	}

	/** Writes a 64-bit integer. */
	public void writeLong(long value) {
		ensure(8);
		LONG.set(this.buffer, this.position, value);
		this.position += 8;
	}

	/** Writes bytes as they are. */
	public void write(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.position, bytes.length);
		this.position += bytes.length;
	}

	/**
	 * Writes text as UTF-8, refusing what PostgreSQL cannot store as given. One pass over
	 * the characters both checks and encodes them, into the buffer directly: a run of
	 * ASCII costs a compare and a store per character, and nothing is allocated.
	 * @throws IllegalArgumentException for a NUL character or a lone UTF-16 surrogate
	 * (nothing of the text is then written)
	 */
	public void writeText(String value) {
		int length = value.length();
		char[] text = this.chars;
		if (text.length < length) {
			text = new char[Math.max(length, text.length * 2)];
			this.chars = text;
		}
		value.getChars(0, length, text, 0);
		ensure(length);
		byte[] b = this.buffer;
		int p = this.position;
		int i = 0;
		while (i < length) {
			char c = text[i];
			// c - 1 wraps to 0xFFFF for NUL: one compare for "ASCII other than NUL"
			if ((char) (c - 1) >= 0x7F) {
				break;
			}
			b[p + i] = (byte) c;
			i++;
		}
		if (i == length) {
			this.position = p + length;
		}
		else {
			this.position = p + i;
			writeTextFrom(text, i, length, p);
		}
	}

	/** The rest of {@link #writeText}, from the first character that is not ASCII. */
	private void writeTextFrom(char[] text, int from, int length, int start) {
		ensure((length - from) * 3);
		byte[] b = this.buffer;
		int p = this.position;
		for (int i = from; i < length; i++) {
			char c = text[i];
			if (c < 0x80) {
				if (c == 0) {
					this.position = start;
					throw TextChecks.nul(i);
				}
				b[p++] = (byte) c;
			}
			else if (c < 0x800) {
				b[p++] = (byte) (0xC0 | (c >> 6));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(text[i + 1])) {
					this.position = start;
					throw TextChecks.loneSurrogate(c, i);
				}
				int codePoint = Character.toCodePoint(c, text[++i]);
				b[p++] = (byte) (0xF0 | (codePoint >> 18));
				b[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				b[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else {
				b[p++] = (byte) (0xE0 | (c >> 12));
				b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.position = p;
	}

	/**
	 * Writes a string as UTF-8 (unpaired surrogates become {@code ?}). Uses the JDK's own
	 * encoder, whose ASCII path is an intrinsic (a vectorized scan and copy of a compact
	 * string's bytes) rather than a loop per character.
	 */
	public void writeUtf8(String value) {
		write(value.getBytes(StandardCharsets.UTF_8));
	}

	private void ensure(int extra) {
		if (this.position + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.position + extra));
		}
	}

}
