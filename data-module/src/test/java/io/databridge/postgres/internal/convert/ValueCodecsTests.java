package io.databridge.postgres.internal.convert;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.PgConverters;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueCodecsTests {

	final PgMappingContext context = new PgMappingContext();

	record Address(String street) {
	}

	record Money(BigDecimal amount) {
	}

	record WithPojo(@Id Long id, Address address) {
	}

	record WithPojoList(@Id Long id, List<Address> addresses) {
	}

	record WithRawObject(@Id Long id, Object anything) {
	}

	record WithJsonb(@Id Long id, @Jsonb Address address, @Jsonb List<Address> history, Map<String, Integer> counts,
			List<String> tags, long[] numbers) {
	}

	record WithMoney(@Id Long id, Money price, List<Money> prices) {
	}

	record WithAnyJson(@Id Long id, @Jsonb Object payload) {
	}

	public static final class Exploding {

		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

	private <T> EntityStatements<T> statements(Class<T> type, ValueCodecs codecs) {
		return new EntityStatements<>(this.context.entity(type), codecs, new EntityInstantiators());
	}

	@Test
	void shouldFailAtStartUpNamingEntityPropertyAndTypeWhenUnmapped() {
		assertThatThrownBy(() -> statements(WithPojo.class, new ValueCodecs())).isInstanceOf(MappingException.class)
			.hasMessageContaining("'address'")
			.hasMessageContaining(Address.class.getName())
			.hasMessageContaining(WithPojo.class.getName())
			.hasMessageContaining("@Jsonb");
		assertThatThrownBy(() -> statements(WithPojoList.class, new ValueCodecs())).isInstanceOf(MappingException.class)
			.hasMessageContaining("'addresses'")
			.hasMessageContaining("List<" + Address.class.getName());
		assertThatThrownBy(() -> statements(WithRawObject.class, new ValueCodecs()))
			.isInstanceOf(MappingException.class)
			.hasMessageContaining("'anything'")
			.hasMessageContaining("java.lang.Object");
	}

	@Test
	void shouldChooseCodecsPerPropertyFromTheFullType() {
		EntityStatements<WithJsonb> s = statements(WithJsonb.class, new ValueCodecs());
		assertThat(s.codec(1).pgType()).isEqualTo("jsonb");
		assertThat(s.codec(2).pgType()).isEqualTo("jsonb");
		assertThat(s.codec(3).pgType()).isEqualTo("jsonb");
		assertThat(s.codec(4).pgType()).isEqualTo("_text");
		assertThat(s.codec(5).pgType()).isEqualTo("_int8");
		assertThat(s.codec(5).javaType()).isEqualTo(long[].class);
	}

	@Test
	void shouldWriteConvertedPropertiesThroughTheStoreTypesCodec() {
		PgConverters converters = PgConverters.builder()
			.writing(Money.class, BigDecimal.class, Money::amount)
			.reading(BigDecimal.class, Money.class, Money::new)
			.build();
		EntityStatements<WithMoney> s = statements(WithMoney.class, new ValueCodecs(converters));
		assertThat(s.codec(1).pgType()).isEqualTo("numeric");
		assertThat(s.codec(2).pgType()).isEqualTo("_numeric");
		ValueCodecs codecs = new ValueCodecs(converters);
		Money money = new Money(new BigDecimal("12.50"));
		assertThat(BinaryCopy.encode(s.codec(1), money))
			.isEqualTo(BinaryCopy.encode(codecs.find(BigDecimal.class), new BigDecimal("12.50")));
		assertThat(codecs.forValue(money).pgType()).isEqualTo("numeric");
	}

	@Test
	void shouldRequireBothConverterDirectionsForAProperty() {
		PgConverters writingOnly = PgConverters.builder().writing(Money.class, BigDecimal.class, Money::amount).build();
		assertThatThrownBy(() -> statements(WithMoney.class, new ValueCodecs(writingOnly)))
			.isInstanceOf(MappingException.class)
			.hasMessageContaining("'price'")
			.hasMessageContaining("no reading one");
		PgConverters disagreeing = PgConverters.builder()
			.writing(Money.class, BigDecimal.class, Money::amount)
			.reading(String.class, Money.class, s -> new Money(new BigDecimal(s)))
			.build();
		assertThatThrownBy(() -> statements(WithMoney.class, new ValueCodecs(disagreeing)))
			.isInstanceOf(MappingException.class)
			.hasMessageContaining("disagree");
	}

	@Test
	void shouldChooseArgumentCodecsByRuntimeType() {
		ValueCodecs codecs = new ValueCodecs();
		assertThat(codecs.forValue(List.of(1L, 2L)).pgType()).isEqualTo("_int8");
		assertThat(codecs.forValue(new int[] { 1 }).pgType()).isEqualTo("_int4");
		assertThat(codecs.forValue(Arrays.asList(null, "a")).pgType()).isEqualTo("_text");
		assertThat(codecs.forValue(new ArrayList<>()).pgType()).isEqualTo("_text");
		assertThat(codecs.forValue(Map.of("a", 1)).pgType()).isEqualTo("jsonb");
		assertThat(codecs.forValue('c').pgType()).isEqualTo("text");
		assertThatThrownBy(() -> codecs.forValue(new Address("x"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Address.class.getName());
		assertThatThrownBy(() -> codecs.forValue(List.of(new Address("x"))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Address.class.getName());
	}

	@Test
	void shouldFitIntegersToTheColumnWidthAndCheckTheRange() {
		ValueCodecs codecs = new ValueCodecs();
		ValueCodec int4 = ColumnCodecs.adapt(codecs.find(Long.class), new ColumnType("c", "int4", PgTypes.INT4, "", 0),
				"T.c");
		assertThat(BinaryCopy.encode(int4, 5L)).containsExactly(0, 0, 0, 5);
		assertThat(int4.oid()).isEqualTo(PgTypes.INT4);
		assertThatThrownBy(() -> BinaryCopy.encode(int4, 1L << 31)).isInstanceOf(ArithmeticException.class)
			.hasMessageContaining("2147483648");
		ValueCodec int8 = ColumnCodecs.adapt(codecs.find(Short.class), new ColumnType("c", "int8", PgTypes.INT8, "", 0),
				"T.c");
		assertThat(BinaryCopy.encode(int8, (short) -2)).hasSize(8);
		ValueCodec textInInt = ColumnCodecs.adapt(codecs.find(String.class),
				new ColumnType("c", "int4", PgTypes.INT4, "", 0), "T.c");
		assertThatThrownBy(() -> BinaryCopy.encode(textInInt, "12"))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("T.c")
			.hasMessageContaining("\"c\"")
			.hasMessageContaining("int4");
		ValueCodec uuidInText = ColumnCodecs.adapt(codecs.find(java.util.UUID.class),
				new ColumnType("c", "varchar", PgTypes.VARCHAR, "", 0), "T.c");
		java.util.UUID uuid = java.util.UUID.randomUUID();
		assertThat(new String(BinaryCopy.encode(uuidInText, uuid))).isEqualTo(uuid.toString());
	}

	@Test
	void shouldUseTheColumnsElementTypeInBinaryArrays() {
		ValueCodecs codecs = new ValueCodecs();
		ValueCodec list = ArrayCodec.ofList(codecs.find(Integer.class));
		ValueCodec fitted = ColumnCodecs.adapt(list, new ColumnType("c", "_int8", 1016, "int8", PgTypes.INT8), "T.c");
		ByteBuffer bytes = ByteBuffer.wrap(BinaryCopy.encode(fitted, Arrays.asList(7, null)));
		assertThat(bytes.getInt()).isEqualTo(1);
		assertThat(bytes.getInt()).isEqualTo(1);
		assertThat(bytes.getInt()).isEqualTo(PgTypes.INT8);
		assertThat(bytes.getInt()).isEqualTo(2);
		assertThat(bytes.getInt()).isEqualTo(1);
		assertThat(bytes.getInt()).isEqualTo(8);
		assertThat(bytes.getLong()).isEqualTo(7);
		assertThat(bytes.getInt()).isEqualTo(-1);
		assertThat(bytes.hasRemaining()).isFalse();
		ValueCodec enumArray = ColumnCodecs.adapt(ArrayCodec.ofList(codecs.find(String.class)),
				new ColumnType("c", "_mood", 50_001, "mood", 50_000), "T.c");
		assertThat(ByteBuffer.wrap(BinaryCopy.encode(enumArray, List.of("HAPPY"))).getInt(8)).isEqualTo(50_000);
	}

	@Test
	void shouldWriteJsonWithoutTheVersionByteForJsonColumns() {
		ValueCodecs codecs = new ValueCodecs();
		PgPersistentEntity<WithJsonb> entity = this.context.entity(WithJsonb.class);
		ValueCodec jsonb = codecs.forProperty(entity.requireProperty("address"));
		ValueCodec json = codecs.forColumn(entity.requireProperty("address"),
				new ColumnType("address", "json", PgTypes.JSON, "", 0));
		assertThat(BinaryCopy.encode(jsonb, new Address("x"))).startsWith(1, '{');
		assertThat(new String(BinaryCopy.encode(json, new Address("x")))).isEqualTo("{\"street\":\"x\"}");
	}

	@Test
	void shouldNameTheColumnWhenAValueCannotBeWritten() {
		ValueCodecs codecs = new ValueCodecs();
		ValueCodec payload = codecs.forProperty(this.context.entity(WithAnyJson.class).requireProperty("payload"));
		assertThatThrownBy(() -> BinaryCopy.encode(payload, new Exploding()))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageContaining("column \"payload\"")
			.hasMessageContaining("WithAnyJson.payload")
			.hasMessageContaining("boom");
	}

}
