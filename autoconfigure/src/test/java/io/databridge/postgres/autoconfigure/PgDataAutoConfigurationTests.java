package io.databridge.postgres.autoconfigure;

import javax.sql.DataSource;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.convert.ValueCodecs;
import io.databridge.postgres.internal.mapping.PgMappingContext;
import io.databridge.postgres.mapping.NamingStrategy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class PgDataAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none");

	@Test
	void backsOffWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PgDataAutoConfiguration.class))
			.run(context -> assertThat(context).doesNotHaveBean(PgTemplate.class));
	}

	@Test
	void createsTemplateOnBootsDataSourceJdbcTemplateAndTransactionManager() {
		this.runner.run(context -> {
			assertThat(context).hasSingleBean(PgTemplate.class)
				.hasSingleBean(PgMappingContext.class)
				.hasSingleBean(ValueCodecs.class)
				.hasSingleBean(DataSource.class)
				.hasSingleBean(PlatformTransactionManager.class);
			assertThat(context.getBean(PgTemplate.class).getJdbcOperations())
				.isSameAs(context.getBean(JdbcTemplate.class));
			assertThat(context.getBean(PgMappingContext.class).namingStrategy()).isSameAs(NamingStrategy.SNAKE_CASE);
		});
	}

	@Test
	void namingPropertySelectsAsIs() {
		this.runner.withPropertyValues("databridge.pg.naming=as-is")
			.run(context -> assertThat(context.getBean(PgMappingContext.class).namingStrategy())
				.isSameAs(NamingStrategy.AS_IS));
	}

	@Test
	void allowsUserToDefineCustomNamingStrategy() {
		this.runner.withUserConfiguration(CustomNaming.class)
			.run(context -> assertThat(context.getBean(PgMappingContext.class).namingStrategy())
				.isSameAs(CustomNaming.NAMING));
	}

	@Test
	void allowsUserToDefineCustomPgTemplate() {
		this.runner.withUserConfiguration(CustomTemplate.class)
			.run(context -> assertThat(context).getBean(PgTemplate.class).isSameAs(CustomTemplate.TEMPLATE));
	}

	@Test
	void allowsUserToDefineCustomMappingContext() {
		this.runner.withUserConfiguration(CustomMappingContext.class)
			.run(context -> assertThat(context).getBean(PgMappingContext.class).isSameAs(CustomMappingContext.CONTEXT));
	}

	@Test
	void allowsUserToDefineCustomValueCodecs() {
		this.runner.withUserConfiguration(CustomCodecs.class)
			.run(context -> assertThat(context).getBean(ValueCodecs.class).isSameAs(CustomCodecs.CODECS));
	}

	@Test
	void bulkPropertiesReachTheTemplate() {
		this.runner
			.withPropertyValues("databridge.pg.bulk.parallelism=7", "databridge.pg.bulk.parallel-threshold=500",
					"databridge.pg.bulk.chunk-size=128KB", "databridge.pg.bulk.buffered-chunks=3",
					"databridge.pg.bulk.atomicity=per-partition", "databridge.pg.bulk.stale-staging-age=2h",
					"databridge.pg.bulk.recovery-interval=3s")
			.run(context -> {
				io.databridge.postgres.bulk.BulkSettings settings = context.getBean(PgTemplate.class).getBulkSettings();
				assertThat(settings.getParallelism()).isEqualTo(7);
				assertThat(settings.getParallelThreshold()).isEqualTo(500);
				assertThat(settings.getChunkBytes()).isEqualTo(128 * 1024);
				assertThat(settings.getBufferedChunks()).isEqualTo(3);
				assertThat(settings.getAtomicity()).isEqualTo(io.databridge.postgres.bulk.Atomicity.PER_PARTITION);
				assertThat(settings.getStaleStagingAge()).isEqualTo(java.time.Duration.ofHours(2));
				assertThat(settings.getRecoveryInterval()).isEqualTo(java.time.Duration.ofSeconds(3));
			});
	}

	@Test
	void settlesInDoubtBulkInsertsAtStartupUnlessSwitchedOff() {
		this.runner.run(context -> assertThat(context).hasSingleBean(BulkRecoveryAtStartup.class));
		this.runner.withPropertyValues("databridge.pg.bulk.recover-on-startup=false")
			.run(context -> assertThat(context).doesNotHaveBean(BulkRecoveryAtStartup.class));
	}

	@Test
	void allowsUserToDefineCustomBulkProgressListener() {
		io.databridge.postgres.bulk.BulkProgressListener listener = (table, partition, rows) -> {
		};
		this.runner.withBean(io.databridge.postgres.bulk.BulkProgressListener.class, () -> listener)
			.run(context -> assertThat(context.getBean(PgTemplate.class).getBulkProgressListener()).isSameAs(listener));
	}

	@Test
	void codecsApplyTheApplicationsConvertersAndJsonMapper() {
		this.runner.withUserConfiguration(ConvertersAndMapper.class).run(context -> {
			ValueCodecs codecs = context.getBean(ValueCodecs.class);
			var price = new PgMappingContext().entity(ConvertersAndMapper.Priced.class)
				.getRequiredPersistentProperty("price");
			assertThat(codecs.forProperty(price).pgType()).as("Money is written as numeric").isEqualTo("numeric");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ConvertersAndMapper {

		record Money(java.math.BigDecimal amount) {
		}

		record Priced(@org.springframework.data.annotation.Id Long id, Money price) {
		}

		@Bean
		io.databridge.postgres.mapping.PgConverters pgConverters() {
			return io.databridge.postgres.mapping.PgConverters.builder()
				.writing(Money.class, java.math.BigDecimal.class, Money::amount)
				.reading(java.math.BigDecimal.class, Money.class, Money::new)
				.build();
		}

		@Bean
		tools.jackson.databind.json.JsonMapper jsonMapper() {
			return tools.jackson.databind.json.JsonMapper.builder().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomNaming {

		static final NamingStrategy NAMING = new NamingStrategy() {
			@Override
			public String tableName(Class<?> type) {
				return "t_" + type.getSimpleName();
			}

			@Override
			public String columnName(String propertyName) {
				return "c_" + propertyName;
			}
		};

		@Bean
		NamingStrategy namingStrategy() {
			return NAMING;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTemplate {

		static final PgTemplate TEMPLATE = new PgTemplate(
				new org.springframework.jdbc.datasource.SimpleDriverDataSource());

		@Bean
		PgTemplate myTemplate() {
			return TEMPLATE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMappingContext {

		static final PgMappingContext CONTEXT = new PgMappingContext();

		@Bean
		PgMappingContext myMappingContext() {
			return CONTEXT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomCodecs {

		static final ValueCodecs CODECS = new ValueCodecs();

		@Bean
		ValueCodecs myCodecs() {
			return CODECS;
		}

	}

}
