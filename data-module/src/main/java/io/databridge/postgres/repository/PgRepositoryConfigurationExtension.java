package io.databridge.postgres.repository;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;

import io.databridge.postgres.mapping.Table;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.config.RepositoryConfigurationSource;
import org.springframework.util.StringUtils;

/**
 * Tells Spring Data which repositories are data-bridge's (interfaces extending
 * {@link PgRepository}, or managing types annotated with {@link Table}) and wires each
 * factory bean to the {@code PgTemplate} and transaction manager. It lives next to
 * {@link EnablePgRepositories} and names the factory bean by its class name, so that this
 * package never depends on the repository implementation (which implements
 * {@link PgRepository}).
 */
public class PgRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

	/**
	 * The property that switches start-up validation of repository SQL by the server
	 * (default {@code true}).
	 */
	public static final String VALIDATE_QUERIES_PROPERTY = "databridge.pg.validate-queries";

	/** The class name of the repository factory bean. */
	public static final String FACTORY_BEAN_CLASS_NAME = "io.databridge.postgres.repository.support.PgRepositoryFactoryBean";

	@Override
	public String getModuleName() {
		return "data-bridge PostgreSQL";
	}

	@Override
	protected String getModulePrefix() {
		return "pg";
	}

	/**
	 * Named queries are read from {@code META-INF/pg-named-queries.properties} unless
	 * {@code namedQueriesLocation} names another file.
	 */
	@Override
	public String getDefaultNamedQueryLocation() {
		return "classpath*:META-INF/pg-named-queries.properties";
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return FACTORY_BEAN_CLASS_NAME;
	}

	@Override
	protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
		return List.of(Table.class);
	}

	@Override
	protected Collection<Class<?>> getIdentifyingTypes() {
		return List.of(PgRepository.class);
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, RepositoryConfigurationSource source) {
		String template = source.getAttribute("pgTemplateRef").filter(StringUtils::hasText).orElse("pgTemplate");
		builder.addPropertyReference("pgTemplate", template);
		source.getAttribute("transactionManagerRef")
			.filter(StringUtils::hasText)
			.ifPresent(tm -> builder.addPropertyValue("transactionManager", tm));
	}

}
