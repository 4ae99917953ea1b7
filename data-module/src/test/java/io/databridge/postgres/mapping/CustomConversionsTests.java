package io.databridge.postgres.mapping;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;

import io.databridge.postgres.mapping.PgConvertersTests.DecimalToMoney;
import io.databridge.postgres.mapping.PgConvertersTests.Money;
import io.databridge.postgres.mapping.PgConvertersTests.MoneyToDecimal;
import org.junit.jupiter.api.Test;

import org.springframework.data.convert.CustomConversions;
import org.springframework.data.convert.CustomConversions.StoreConversions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring Data {@link CustomConversions} beside {@link PgConverters}: their converters
 * between a stored and a custom type are taken, Spring Data's own defaults are not.
 */
class CustomConversionsTests {

	static CustomConversions conversions(Object... converters) {
		return new CustomConversions(StoreConversions.of(PgSimpleTypes.HOLDER), List.of(converters));
	}

	@Test
	void shouldTakeTheWritingAndReadingConvertersOfCustomConversions() {
		PgConverters converters = PgConverters.from(conversions(new MoneyToDecimal(), new DecimalToMoney()));
		assertThat(converters.storeType(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(converters.writer(Money.class).convert(new Money(BigDecimal.ONE))).isEqualTo(BigDecimal.ONE);
		assertThat(converters.readerSource(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(converters.reader(Money.class).convert(BigDecimal.TEN)).isEqualTo(new Money(BigDecimal.TEN));
	}

	@Test
	void shouldLeaveOutSpringDatasDefaultConvertersBetweenStoredTypes() {
		PgConverters converters = PgConverters.from(conversions());
		assertThat(converters.isEmpty()).as("%s", converters).isTrue();
		assertThat(converters.storeType(Date.class)).isNull();
		assertThat(converters.reader(LocalDateTime.class)).isNull();
	}

	@Test
	void shouldCombineWithPgConvertersAndRejectTwoConvertersForOneType() {
		PgConverters declared = PgConverters.builder().writing(Money.class, BigDecimal.class, Money::amount).build();
		PgConverters combined = declared.and(PgConverters.from(conversions(new DecimalToMoney())));
		assertThat(combined.storeType(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(combined.readerSource(Money.class)).isEqualTo(BigDecimal.class);
		assertThat(declared.and(PgConverters.none())).isSameAs(declared);
		assertThatThrownBy(() -> declared.and(PgConverters.from(conversions(new MoneyToDecimal()))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(Money.class.getName());
	}

}
