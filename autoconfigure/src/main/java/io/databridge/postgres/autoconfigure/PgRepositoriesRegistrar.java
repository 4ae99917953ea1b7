package io.databridge.postgres.autoconfigure;

import java.lang.annotation.Annotation;

import io.databridge.postgres.repository.EnablePgRepositories;
import io.databridge.postgres.repository.PgRepositoryConfigurationExtension;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers repositories for the auto-configuration packages as if the application were
 * annotated with {@link EnablePgRepositories}.
 */
class PgRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnablePgRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnablePgRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new PgRepositoryConfigurationExtension();
	}

	@EnablePgRepositories
	private static final class EnablePgRepositoriesConfiguration {

	}

}
