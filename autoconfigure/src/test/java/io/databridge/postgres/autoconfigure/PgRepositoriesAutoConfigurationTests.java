package io.databridge.postgres.autoconfigure;

import io.databridge.postgres.autoconfigure.app.CustomerRepository;
import io.databridge.postgres.autoconfigure.app.ProductRepository;
import io.databridge.postgres.autoconfigure.app.TestApplication;
import io.databridge.postgres.repository.EnablePgRepositories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PgRepositoriesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, PgDataAutoConfiguration.class,
				PgRepositoriesAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none",
				// no server here: repositories are created without asking PostgreSQL to
				// parse their queries
				"databridge.pg.validate-queries=false");

	@Test
	void createsRepositoriesInAutoConfigurationPackagesWithoutAnnotation() {
		this.runner.withUserConfiguration(AppPackage.class)
			.run(context -> assertThat(context).hasSingleBean(CustomerRepository.class)
				.hasSingleBean(ProductRepository.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withUserConfiguration(AppPackage.class)
			.withPropertyValues("databridge.pg.repositories.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CustomerRepository.class));
	}

	@Test
	void backsOffWhenUserEnablesRepositoriesThemselves() {
		this.runner.withUserConfiguration(OnlyCustomers.class).run(context -> {
			assertThat(context).hasSingleBean(CustomerRepository.class);
			assertThat(context).doesNotHaveBean(ProductRepository.class);
		});
	}

	@Test
	void backsOffWithoutPgTemplate() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PgRepositoriesAutoConfiguration.class))
			.withUserConfiguration(AppPackage.class)
			.run(context -> assertThat(context).doesNotHaveBean(CustomerRepository.class));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = TestApplication.class)
	static class AppPackage {

	}

	@Configuration(proxyBeanMethods = false)
	@EnablePgRepositories(basePackageClasses = TestApplication.class,
			includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
					type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE,
					classes = CustomerRepository.class))
	static class OnlyCustomers {

	}

}
