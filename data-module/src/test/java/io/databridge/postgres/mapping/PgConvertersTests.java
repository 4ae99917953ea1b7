package io.databridge.postgres.mapping;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.WritingConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgConvertersTests {

	record Money(BigDecimal amount) {
	}

	static final class MoneyToDecimal implements Converter<Money, BigDecimal> {

		@Override
		public BigDecimal convert(Money source) {
			return source.amount();
		}

	}

	static final class DecimalToMoney implements Converter<BigDecimal, Money> {

		@Override
		public Money convert(BigDecimal source) {
			return new Money(source);
		}

	}

	@WritingConverter
	static final class StringToDecimal implements Converter<String, BigDecimal> {

		@Override
		public BigDecimal convert(String source) {
			return new BigDecimal(source);
		}

	}

	static final class DecimalToString implements Converter<BigDecimal, String> {

		@Override
		public String convert(BigDecimal source) {
			return source.toPlainString();
		}

	}

	@Test
	void shouldInferTheDirectionFromWhichSideIsStoredNatively() {
		PgConverters converters = PgConverters.of(new MoneyToDecimal(), new DecimalToMoney());
		assertThat(converters.storeType(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(converters.readerSource(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(converters.writer(Money.class).convert(new Money(BigDecimal.TEN))).isEqualTo(BigDecimal.TEN);
		assertThat(converters.reader(Money.class).convert(BigDecimal.ONE)).isEqualTo(new Money(BigDecimal.ONE));
		assertThat(converters.storeType(BigDecimal.class)).isNull();
	}

	@Test
	void shouldHonourTheDirectionAnnotationAndRefuseAmbiguity() {
		assertThat(PgConverters.of(new StringToDecimal()).storeType(String.class)).isEqualTo(BigDecimal.class);
		assertThatThrownBy(() -> PgConverters.of(new DecimalToString())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("@WritingConverter");
	}

	@Test
	void shouldRefuseLambdasAndDuplicates() {
		Converter<Money, BigDecimal> lambda = Money::amount;
		assertThatThrownBy(() -> PgConverters.of(lambda)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("builder()");
		assertThatThrownBy(() -> PgConverters.of(new MoneyToDecimal(), new MoneyToDecimal()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Two writing converters");
		assertThat(PgConverters.none().isEmpty()).isTrue();
	}

}
