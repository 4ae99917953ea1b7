package io.databridge.benchmarks.contenders.sdjdbc;

import java.util.List;

import javax.sql.DataSource;

import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.Workload;
import org.postgresql.util.PGobject;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring context of the Spring Data JDBC contender: the standard configuration,
 * nothing tuned.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackageClasses = SdUserRepository.class)
public class SdJdbcConfiguration extends AbstractJdbcConfiguration {

	/**
	 * The JDBC operations Spring Data JDBC runs on.
	 * @param dataSource the pool
	 * @param environment the benchmark settings
	 * @return the template
	 */
	@Bean
	NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource, BenchEnvironment environment) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		if (environment.workload() == Workload.STREAM) {
			// what spring.jdbc.template.fetch-size does in a Boot application; only in
			// the streaming JVM, because in a
			// read-only transaction it would also split the other workloads' result sets
			// into round trips
			jdbc.setFetchSize(environment.fetchSize());
		}
		return new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * Reads jsonb ({@code PGobject}) into {@code String}, the converter a Spring Data
	 * JDBC application registers for it.
	 * @return the converters
	 */
	@Override
	protected List<?> userConverters() {
		return List.of(JsonbToString.INSTANCE);
	}

	@ReadingConverter
	enum JsonbToString implements Converter<PGobject, String> {

		INSTANCE;

		@Override
		public String convert(PGobject source) {
			return source.getValue();
		}

	}

	/**
	 * The transaction manager of repositories and of the benchmark's transactions.
	 * @param dataSource the pool
	 * @return the manager
	 */
	@Bean
	PlatformTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

}
