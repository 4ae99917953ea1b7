package io.databridge.postgres.repository.support;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.repository.PgRepositoryFactory;
import io.databridge.postgres.observation.PgCatalog;
import io.databridge.postgres.repository.PgRepositoryConfigurationExtension;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.TransactionalRepositoryFactoryBeanSupport;
import org.springframework.util.Assert;

/**
 * The factory bean of one data-bridge repository: Spring Data registers one per
 * repository interface it finds (through {@code @EnablePgRepositories} or the Boot
 * auto-configuration) and it creates the repository on a {@link PgTemplate}. It is the
 * default of {@code @EnablePgRepositories(repositoryFactoryBeanClass = ...)}; extend it
 * to customize how repositories are created, the way Spring Data JDBC's
 * {@code JdbcRepositoryFactoryBean} is extended.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 * @param <ID> the id type
 */
public class PgRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
		extends TransactionalRepositoryFactoryBeanSupport<T, S, ID> {

	private @Nullable PgTemplate pgTemplate;

	private @Nullable Boolean validateQueries;

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Creates the factory bean for a repository interface.
	 * @param repositoryInterface the repository interface
	 */
	public PgRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * Sets the template the repository runs on; required.
	 * @param pgTemplate the template
	 */
	public void setPgTemplate(PgTemplate pgTemplate) {
		this.pgTemplate = pgTemplate;
	}

	/**
	 * Whether PostgreSQL parses (prepares and describes, never executes) every query
	 * method's statements when the repository is created, so that SQL errors fail the
	 * start. When not set, the environment property
	 * {@code databridge.pg.validate-queries} decides (default {@code true}).
	 * @param validateQueries whether to validate
	 */
	public void setValidateQueries(boolean validateQueries) {
		this.validateQueries = validateQueries;
	}

	@Override
	public void setEnvironment(Environment environment) {
		super.setEnvironment(environment);
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = beanFactory;
	}

	@Override
	protected RepositoryFactorySupport doCreateRepositoryFactory() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		PgRepositoryFactory factory = new PgRepositoryFactory(this.pgTemplate);
		factory.setValidateQueries(
				this.validateQueries != null ? this.validateQueries : this.environment == null || this.environment
					.getProperty(PgRepositoryConfigurationExtension.VALIDATE_QUERIES_PROPERTY, Boolean.class, true));
		if (this.beanFactory != null) {
			// the application's statement catalogue, when there is one, gets this
			// repository's statements
			factory.setCatalog(this.beanFactory.getBeanProvider(PgCatalog.class).getIfAvailable());
		}
		return factory;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		setMappingContext(this.pgTemplate.getMappingContext());
		super.afterPropertiesSet();
	}

}
