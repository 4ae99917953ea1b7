package io.databridge.postgres.internal.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for PostgreSQL's binary format, as used by
 * {@code COPY ... FROM STDIN (FORMAT binary)}. A field is written as
 * {@link #beginField()}, the value's payload through a {@link ValueCodec#writeBinary},
 * then {@link #endField(int)}, which back-patches the 4-byte length; fields nest (array
 * elements are fields too). Text is checked and encoded to UTF-8 by the JDK's intrinsics
 * ({@link #writeText(String)}).
 *
 * <p>
 * Not thread-safe: one per COPY stream.
 */
public final class BinaryOutput {

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private byte[] buffer;

	private int position;

	/** The characters of the text being written, reused. */
	private char[] chars = new char[128];

	private CharBuffer charView = CharBuffer.wrap(this.chars);

	private ByteBuffer byteView;

	private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();

	/** Creates a buffer with the given initial capacity in bytes. */
	public BinaryOutput(int capacity) {
		this.buffer = new byte[Math.max(capacity, 64)];
		this.byteView = ByteBuffer.wrap(this.buffer);
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
	 * Writes text as UTF-8, refusing what PostgreSQL cannot store as given, on the JDK's
	 * intrinsics and without allocating: {@code indexOf} finds a NUL, and the JDK's UTF-8
	 * {@link CharsetEncoder} (whose ASCII path is a vectorized intrinsic) encodes the
	 * characters straight into the buffer, reporting a lone surrogate instead of writing
	 * {@code ?}. Either fault is then named by {@link TextChecks#text}.
	 * @throws IllegalArgumentException for a NUL character or a lone UTF-16 surrogate
	 * (nothing of the text is then written)
	 */
	public void writeText(String value) {
		int length = value.length();
		if (value.indexOf(0) >= 0) {
			TextChecks.text(value);
		}
		char[] text = this.chars;
		if (text.length < length) {
			text = new char[Math.max(length, text.length * 2)];
			this.chars = text;
			this.charView = CharBuffer.wrap(text);
		}
		value.getChars(0, length, text, 0);
		ensure(length * 3);
		ByteBuffer out = this.byteView;
		if (out.array() != this.buffer) {
			out = ByteBuffer.wrap(this.buffer);
			this.byteView = out;
		}
		out.limit(out.capacity()).position(this.position);
		CharBuffer in = this.charView;
		in.limit(length).position(0);
		CharsetEncoder encoder = this.utf8.reset();
		if (encoder.encode(in, out, true).isError()) {
			TextChecks.text(value);
		}
		this.position = out.position();
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
