package io.databridge.benchmarks.jmh;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databridge.benchmarks.BenchData;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.contenders.databridge.DbUser;
import io.databridge.postgres.internal.convert.BinaryOutput;
import io.databridge.postgres.internal.convert.FieldWriters;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentProperty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.mapping.model.EntityInstantiators;

/**
 * Binary COPY encoding of 1,000 {@code bench_user} rows into memory, no database:
 * <ul>
 * <li>{@code compiledRow}: the fields of a row as one compiled handle
 * ({@code FieldWriters}), what the bulk encoder runs;</li>
 * <li>{@code perProperty}: the loop it replaced, reading each value through
 * {@code PgPersistentProperty.readFrom} and writing it through its codec;</li>
 * <li>{@code utf8Jdk} against {@code utf8CharLoop}: the JDK's intrinsic UTF-8 encoder
 * against the per-character loop it replaced, on the rows' strings.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncoderBenchmark {

	private final List<DbUser> users = new ArrayList<>();

	private final List<String> strings = new ArrayList<>();

	private final BinaryOutput out = new BinaryOutput(1 << 20);

	private PgPersistentProperty[] properties;

	private ValueCodec[] codecs;

	private MethodHandle compiled;

	/** Builds the rows and the encoders. */
	@Setup
	public void setUp() {
		for (BenchRow row : BenchData.rows(1, 1_000)) {
			this.users.add(new DbUser(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(),
					row.balance(), row.createdAt(), row.externalId(), row.profile()));
			this.strings.add(row.name());
			this.strings.add(row.email());
			this.strings.add(row.profile());
		}
		EntityStatements<DbUser> statements = new EntityStatements<>(new PgMappingContext().entity(DbUser.class),
				new ValueCodecs(), new EntityInstantiators());
		List<ValueCodec> codecList = new ArrayList<>();
		for (int i = 0; i < statements.columns().size(); i++) {
			codecList.add(statements.codec(i));
		}
		this.properties = statements.columns().toArray(PgPersistentProperty[]::new);
		this.codecs = codecList.toArray(ValueCodec[]::new);
		this.compiled = FieldWriters.compile(DbUser.class, statements.columns(), codecList);
		if (this.compiled == null) {
			throw new IllegalStateException("DbUser's fields could not be compiled");
		}
	}

	/** The compiled row handle. */
	@Benchmark
	public int compiledRow() throws Throwable {
		BinaryOutput buffer = this.out;
		buffer.reset();
		for (DbUser user : this.users) {
			buffer.writeShort(10);
			this.compiled.invokeExact(buffer, (Object) user);
		}
		return buffer.size();
	}

	/** The per-property loop. */
	@Benchmark
	public int perProperty() {
		BinaryOutput buffer = this.out;
		buffer.reset();
		PgPersistentProperty[] props = this.properties;
		for (DbUser user : this.users) {
			buffer.writeShort(props.length);
			for (int i = 0; i < props.length; i++) {
				Object value = props[i].readFrom(user);
				if (value == null) {
					buffer.writeNull();
				}
				else {
					int mark = buffer.beginField();
					this.codecs[i].writeBinary(buffer, value);
					buffer.endField(mark);
				}
			}
		}
		return buffer.size();
	}

	/** The JDK's UTF-8 encoder, as {@code BinaryOutput.writeUtf8} runs it. */
	@Benchmark
	public int utf8Jdk() {
		BinaryOutput buffer = this.out;
		buffer.reset();
		for (String s : this.strings) {
			buffer.writeUtf8(s);
		}
		return buffer.size();
	}

	/** The per-character loop {@code writeUtf8} had before. */
	@Benchmark
	public int utf8CharLoop() {
		byte[] b = new byte[1 << 20];
		int p = 0;
		for (String s : this.strings) {
			p = charLoop(s, b, p);
		}
		return p;
	}

	private static int charLoop(String value, byte[] b, int start) {
		int p = start;
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				b[p++] = (byte) c;
			}
			else if (c < 0x800) {
				b[p++] = (byte) (0xC0 | (c >> 6));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				int cp = Character.toCodePoint(c, value.charAt(++i));
				b[p++] = (byte) (0xF0 | (cp >> 18));
				b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
				b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (cp & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				b[p++] = '?';
			}
			else {
				b[p++] = (byte) (0xE0 | (c >> 12));
				b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				b[p++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		return p;
	}

}
