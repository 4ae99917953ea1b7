package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.mapping.event.AuditingEntityCallback;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PgAuditingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none");

	@Test
	void auditingIsOffByDefault() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(AuditingEntityCallback.class));
	}

	@Test
	void auditingPropertyRegistersTheAuditingCallback() {
		this.runner.withPropertyValues("databridge.pg.auditing.enabled=true")
			.run(context -> assertThat(context).hasSingleBean(AuditingEntityCallback.class));
	}

	@Test
	void allowsUserToDefineCustomAuditingCallback() {
		this.runner.withPropertyValues("databridge.pg.auditing.enabled=true")
			.withUserConfiguration(CustomAuditing.class)
			.run(context -> assertThat(context).hasSingleBean(AuditingEntityCallback.class)
				.getBean(AuditingEntityCallback.class)
				.isSameAs(context.getBean(CustomAuditing.class).callback));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomAuditing {

		final AuditingEntityCallback callback = new AuditingEntityCallback(() -> {
			throw new IllegalStateException("not used");
		});

		@Bean
		AuditingEntityCallback customAuditingCallback() {
			return this.callback;
		}

	}

}
