package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * PostgreSQL's binary encodings of the built-in scalar types, as its {@code *_send}
 * functions produce them: big-endian integers, IEEE floats, timestamps as microseconds
 * since 2000-01-01, dates as days since then, numerics as base-10000 digit groups.
 */
final class BinaryFormats {

	/** 2000-01-01T00:00:00Z in seconds since the Unix epoch. */
	private static final long PG_EPOCH_SECONDS = 946_684_800L;

	/** 2000-01-01 in days since the Unix epoch. */
	private static final long PG_EPOCH_DAYS = 10_957L;

	private static final BigInteger GROUP = BigInteger.valueOf(10_000);

	/** 10^0 to 10^3: the factors that pad a scale to a whole base-10000 group. */
	private static final long[] DECIMAL_POWERS = { 1, 10, 100, 1_000 };

	/** 10000^0 to 10000^4: the place values of the groups of a magnitude below 2^60. */
	private static final long[] GROUP_POWERS = { 1, 10_000, 100_000_000, 1_000_000_000_000L, 10_000_000_000_000_000L };

	private static final int NUMERIC_POS = 0x0000;

	private static final int NUMERIC_NEG = 0x4000;

	private BinaryFormats() {
	}

	static void uuid(BinaryOutput out, UUID value) {
		out.writeLong(value.getMostSignificantBits());
		out.writeLong(value.getLeastSignificantBits());
	}

	static void instant(BinaryOutput out, Instant value) {
		out.writeLong(micros(value.getEpochSecond(), value.getNano()));
	}

	static void localDateTime(BinaryOutput out, LocalDateTime value) {
		out.writeLong(micros(value.toEpochSecond(ZoneOffset.UTC), value.getNano()));
	}

	static void localDate(BinaryOutput out, LocalDate value) {
		out.writeInt(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAYS));
	}

	static void localTime(BinaryOutput out, LocalTime value) {
		out.writeLong((value.toNanoOfDay() + 500) / 1000);
	}

	/**
	 * Microseconds since 2000-01-01, rounding nanoseconds half-up as the server's input
	 * does.
	 */
	private static long micros(long epochSecond, int nano) {
		return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECONDS, 1_000_000L), (nano + 500) / 1000);
	}

	static void numeric(BinaryOutput out, BigDecimal value) {
		int dscale = Math.max(value.scale(), 0);
		if (value.signum() == 0) {
			out.writeShort(0);
			out.writeShort(0);
			out.writeShort(NUMERIC_POS);
			out.writeShort(dscale);
			return;
		}
		int scale = value.scale();
		if (scale >= 0 && value.precision() <= 15) {
			// below 10^15 < 2^50: the unscaled value as a long, without a BigInteger
			numericSmall(out, Math.abs(value.scaleByPowerOfTen(scale).longValue()), scale, value.signum() < 0);
			return;
		}
		BigInteger unscaled = value.unscaledValue().abs();
		if (scale >= 0 && unscaled.bitLength() < 50) {
			numericSmall(out, unscaled.longValue(), scale, value.signum() < 0);
			return;
		}
		if (scale < 0) {
			unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
			scale = 0;
		}
		int pad = (4 - scale % 4) % 4;
		if (pad > 0) {
			unscaled = unscaled.multiply(BigInteger.TEN.pow(pad));
		}
		int fractionGroups = (scale + pad) / 4;
		short[] reversed = new short[unscaled.bitLength() / 13 + 2];
		int count = 0;
		if (unscaled.bitLength() < 63) {
			long n = unscaled.longValue();
			while (n != 0) {
				reversed[count++] = (short) (n % 10_000);
				n /= 10_000;
			}
		}
		else {
			while (unscaled.signum() != 0) {
				BigInteger[] qr = unscaled.divideAndRemainder(GROUP);
				reversed[count++] = qr[1].shortValue();
				unscaled = qr[0];
			}
		}
		int weight = count - fractionGroups - 1;
		int low = 0;
		while (low < count && reversed[low] == 0) {
			low++;
		}
		out.writeShort(count - low);
		out.writeShort(weight);
		out.writeShort(value.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS);
		out.writeShort(dscale);
		for (int i = count - 1; i >= low; i--) {
			out.writeShort(reversed[i]);
		}
	}

	/**
	 * The common case of {@link #numeric}, in long arithmetic and without allocation: a
	 * magnitude below 2^50 (about 15 decimal digits) and a scale of at least 0, so that
	 * padding the scale to whole groups (times at most 1,000) stays below 2^60, at most
	 * five base-10000 groups.
	 */
	private static void numericSmall(BinaryOutput out, long magnitude, int scale, boolean negative) {
		int pad = (4 - scale % 4) % 4;
		long n = magnitude * DECIMAL_POWERS[pad];
		int count = 1;
		while (count < GROUP_POWERS.length && n >= GROUP_POWERS[count]) {
			count++;
		}
		int low = 0;
		for (long rest = n; rest % 10_000 == 0; rest /= 10_000) {
			low++;
		}
		out.writeShort(count - low);
		out.writeShort(count - (scale + pad) / 4 - 1);
		out.writeShort(negative ? NUMERIC_NEG : NUMERIC_POS);
		out.writeShort(scale);
		for (int i = count - 1; i >= low; i--) {
			out.writeShort((int) (n / GROUP_POWERS[i] % 10_000));
		}
	}

	/**
	 * An interval: microseconds of the time part, then days, then months, as
	 * {@code interval_send} writes them.
	 */
	static void interval(BinaryOutput out, long micros, int days, int months) {
		out.writeLong(micros);
		out.writeInt(days);
		out.writeInt(months);
	}

	/** A numeric NaN: no digits, the NaN sign word. */
	static void numericNaN(BinaryOutput out) {
		out.writeShort(0);
		out.writeShort(0);
		out.writeShort(0xC000);
		out.writeShort(0);
	}

}
