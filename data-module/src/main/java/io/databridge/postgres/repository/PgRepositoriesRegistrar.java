package io.databridge.postgres.repository;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the repositories that {@link EnablePgRepositories} asks for.
 */
class PgRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnablePgRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new PgRepositoryConfigurationExtension();
	}

}
