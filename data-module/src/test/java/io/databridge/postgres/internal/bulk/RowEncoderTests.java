package io.databridge.postgres.internal.bulk;

import java.util.HexFormat;

import io.databridge.postgres.internal.convert.BinaryOutput;
import io.databridge.postgres.internal.convert.ValueCodec;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.Table;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.model.EntityInstantiators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowEncoderTests {

	@Table("t")
	record Item(@Id Long id, String name, Integer qty) {
	}

	@Table("p")
	static class Primitives {

		@Id
		long id;

		int count;

		double ratio;

		boolean flag;

		short small;

		String text;

	}

	static EntityStatements<Item> statements() {
		return statements(Item.class);
	}

	static <T> EntityStatements<T> statements(Class<T> type) {
		return new EntityStatements<>(new PgMappingContext().entity(type), new ValueCodecs(),
				new EntityInstantiators());
	}

	@Test
	void shouldEncodePrimitiveFieldsWithoutBoxingAndTextWithSurrogates() {
		Primitives row = new Primitives();
		row.id = 3;
		row.count = -2;
		row.ratio = 1.5;
		row.flag = true;
		row.small = 258;
		row.text = "a\uD83D\uDE00";
		BinaryOutput out = new BinaryOutput(8);
		new RowEncoder<>(statements(Primitives.class), codecs(statements(Primitives.class)), true, false).encode(row, 0,
				out);
		assertThat(hex(out)).isEqualTo("0006" + "00000008" + "0000000000000003" + "00000004" + "fffffffe" + "00000008"
				+ "3ff8000000000000" + "00000001" + "01" + "00000002" + "0102" + "00000005" + "61f09f9880");
	}

	@Table("v")
	record Versioned(@Id Long id, @Version Long version, String name) {
	}

	@Table("pv")
	record PrimitiveVersioned(@Id Long id, @Version int version) {
	}

	static <T> ValueCodec[] codecs(EntityStatements<T> statements) {
		ValueCodec[] codecs = new ValueCodec[statements.columns().size()];
		for (int i = 0; i < codecs.length; i++) {
			codecs[i] = statements.codec(i);
		}
		return codecs;
	}

	static String hex(BinaryOutput out) {
		return HexFormat.of().formatHex(out.array(), 0, out.size());
	}

	@Test
	void shouldWriteTheBinaryCopyHeaderAndTrailer() {
		assertThat(HexFormat.of().formatHex(RowEncoder.HEADER))
			.isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000");
		assertThat(HexFormat.of().formatHex(RowEncoder.TRAILER)).isEqualTo("ffff");
	}

	@Test
	void shouldEncodeFieldCountLengthsPayloadsAndNulls() {
		BinaryOutput out = new BinaryOutput(64);
		new RowEncoder<>(statements(), codecs(statements()), true, false).encode(new Item(7L, "é", null), 0, out);
		assertThat(hex(out)).isEqualTo("0003" + "00000008" + "0000000000000007" + "00000002" + "c3a9" + "ffffffff");
	}

	@Test
	void shouldLeaveTheIdOutAndAppendTheOrdinalWhenAskedTo() {
		BinaryOutput out = new BinaryOutput(64);
		RowEncoder<Item> encoder = new RowEncoder<>(statements(), codecs(statements()), false, true);
		encoder.encode(new Item(null, "a", 5), 258, out);
		assertThat(hex(out))
			.isEqualTo("0003" + "00000001" + "61" + "00000004" + "00000005" + "00000008" + "0000000000000102");
		assertThat(encoder.columns()).extracting(p -> p.getName()).containsExactly("name", "qty");
	}

	@Test
	void shouldWriteTheVersionSaveStartsWithWhateverTheObjectHolds() {
		EntityStatements<Versioned> versioned = new EntityStatements<>(new PgMappingContext().entity(Versioned.class),
				new ValueCodecs(), new EntityInstantiators());
		BinaryOutput out = new BinaryOutput(64);
		new RowEncoder<>(versioned, codecs(versioned), true, false).encode(new Versioned(1L, null, "a"), 0, out);
		assertThat(hex(out)).as("a Long version starts at 0")
			.isEqualTo("0003" + "00000008" + "0000000000000001" + "00000008" + "0000000000000000" + "00000001" + "61");
		EntityStatements<PrimitiveVersioned> primitive = new EntityStatements<>(
				new PgMappingContext().entity(PrimitiveVersioned.class), new ValueCodecs(), new EntityInstantiators());
		out.reset();
		new RowEncoder<>(primitive, codecs(primitive), true, false).encode(new PrimitiveVersioned(2L, 7), 0, out);
		assertThat(hex(out)).as("an int version starts at 1")
			.isEqualTo("0002" + "00000008" + "0000000000000002" + "00000004" + "00000001");
	}

	@Test
	void shouldRejectRowsWhoseIdPresenceDiffersFromTheFirstRow() {
		BinaryOutput out = new BinaryOutput(64);
		assertThatThrownBy(() -> new RowEncoder<>(statements(), codecs(statements()), false, false)
			.encode(new Item(1L, "a", 1), 4, out)).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("row 4 has an id");
		assertThatThrownBy(() -> new RowEncoder<>(statements(), codecs(statements()), true, false)
			.encode(new Item(null, "a", 1), 5, out)).isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("row 5 has no id");
	}

}
