package io.databridge.benchmarks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A hand-written encoder of {@code bench_user} rows in PostgreSQL's binary COPY format
 * (header, one tuple per row, trailer), as an expert would write it for pgjdbc's
 * {@code CopyManager} or for a file that the server reads with
 * {@code COPY ... FROM '<file>' (FORMAT binary)}. Not thread-safe; {@link #finish()}
 * writes the trailer and flushes but does not close the target.
 */
public final class BinaryCopyWriter {

	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
	private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

	private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

	private static final long[] POW10 = { 1, 10, 100, 1000 };

	private final DataOutputStream out;

	private final short[] digits = new short[8];

	/**
	 * Starts a COPY stream: writes the header.
	 * @param target where the bytes go (buffer it; this class writes small pieces)
	 * @throws IOException when writing fails
	 */
	public BinaryCopyWriter(OutputStream target) throws IOException {
		this.out = new DataOutputStream(target);
		this.out.write(HEADER);
	}

	/**
	 * Writes one row as a tuple of 10 fields.
	 * @param row the row
	 * @throws IOException when writing fails
	 */
	public void write(BenchRow row) throws IOException {
		DataOutputStream o = this.out;
		o.writeShort(10);
		o.writeInt(8);
		o.writeLong(row.id());
		text(row.name());
		text(row.email());
		o.writeInt(4);
		o.writeInt(row.age());
		o.writeInt(1);
		o.writeByte(row.active() ? 1 : 0);
		o.writeInt(8);
		o.writeDouble(row.score());
		numeric(row.balance());
		timestamptz(row.createdAt());
		o.writeInt(16);
		o.writeLong(row.externalId().getMostSignificantBits());
		o.writeLong(row.externalId().getLeastSignificantBits());
		byte[] json = row.profile().getBytes(StandardCharsets.UTF_8);
		o.writeInt(json.length + 1);
		// jsonb's binary input format: a version byte, then the text
		o.writeByte(1);
		o.write(json);
	}

	/**
	 * Writes the trailer and flushes.
	 * @throws IOException when writing fails
	 */
	public void finish() throws IOException {
		this.out.writeShort(-1);
		this.out.flush();
	}

	private void text(String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		this.out.writeInt(bytes.length);
		this.out.write(bytes);
	}

	private void timestamptz(Instant value) throws IOException {
		long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
		this.out.writeInt(8);
		this.out.writeLong(micros - PG_EPOCH_MICROS);
	}

	/**
	 * numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits, most
	 * significant first; the decimal point falls on a digit boundary, so the unscaled
	 * value is padded to a scale that is a multiple of 4.
	 */
	private void numeric(BigDecimal value) throws IOException {
		int scale = Math.max(0, value.scale());
		BigInteger unscaled = value.setScale(scale).unscaledValue();
		int sign = unscaled.signum() < 0 ? 0x4000 : 0;
		int paddedScale = (scale + 3) / 4 * 4;
		short[] digits = this.digits;
		int count = 0;
		if (unscaled.bitLength() < 50) {
			// the common case, in long arithmetic: |unscaled| * 10^3 still fits
			long magnitude = Math.abs(unscaled.longValue()) * POW10[paddedScale - scale];
			while (magnitude > 0) {
				digits[count++] = (short) (magnitude % 10_000);
				magnitude /= 10_000;
			}
		}
		else {
			BigInteger magnitude = unscaled.abs().multiply(BigInteger.TEN.pow(paddedScale - scale));
			digits = new short[magnitude.bitLength() / 13 + 2];
			while (magnitude.signum() > 0) {
				BigInteger[] qr = magnitude.divideAndRemainder(TEN_THOUSAND);
				digits[count++] = qr[1].shortValue();
				magnitude = qr[0];
			}
		}
		// digits[0] is the least significant; drop trailing zero digits (they need no
		// storage)
		int low = 0;
		while (low < count && digits[low] == 0) {
			low++;
		}
		int ndigits = count - low;
		int weight = count - 1 - paddedScale / 4;
		DataOutputStream o = this.out;
		o.writeInt(8 + 2 * ndigits);
		o.writeShort(ndigits);
		o.writeShort(ndigits == 0 ? 0 : weight);
		o.writeShort(ndigits == 0 ? 0 : sign);
		o.writeShort(scale);
		for (int i = count - 1; i >= low; i--) {
			o.writeShort(digits[i]);
		}
	}

}
