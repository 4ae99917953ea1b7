package io.databridge.postgres.autoconfigure;

import java.math.BigDecimal;
import java.util.List;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.mapping.PgCodecs;
import io.databridge.postgres.mapping.PgConverters;
import io.databridge.postgres.mapping.PgSimpleTypes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.ConverterBuilder;
import org.springframework.data.convert.CustomConversions;
import org.springframework.data.convert.CustomConversions.StoreConversions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Data {@link CustomConversions} bean is applied beside the {@link PgConverters}
 * bean.
 */
class PgCustomConversionsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none");

	@Test
	void appliesCustomConversionsBesidePgConverters() {
		this.runner.withUserConfiguration(Conversions.class).run((context) -> {
			PgCodecs codecs = context.getBean(PgTemplate.class).getCodecs();
			assertThat(codecs.converters().storeType(Conversions.Money.class)).isEqualTo(BigDecimal.class);
			assertThat(codecs.converters().readerSource(Conversions.Money.class)).isEqualTo(BigDecimal.class);
			assertThat(codecs.converters().storeType(Conversions.Code.class)).isEqualTo(String.class);
		});
	}

	@Test
	void appliesCustomConversionsAlone() {
		this.runner.withBean(CustomConversions.class, Conversions::customConversions).run((context) -> {
			PgCodecs codecs = context.getBean(PgTemplate.class).getCodecs();
			assertThat(codecs.converters().storeType(Conversions.Money.class)).isEqualTo(BigDecimal.class);
			assertThat(codecs.converters().storeType(Conversions.Code.class)).isNull();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Conversions {

		record Money(BigDecimal amount) {
		}

		record Code(String value) {
		}

		static CustomConversions customConversions() {
			return new CustomConversions(StoreConversions.of(PgSimpleTypes.HOLDER), List
				.of(ConverterBuilder.writing(Money.class, BigDecimal.class, Money::amount).andReading(Money::new)));
		}

		@Bean
		CustomConversions jdbcCustomConversions() {
			return customConversions();
		}

		@Bean
		PgConverters pgConverters() {
			return PgConverters.builder().writing(Code.class, String.class, Code::value).build();
		}

	}

}
