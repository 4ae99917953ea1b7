package io.databridge.postgres.internal.repository;

import io.databridge.postgres.core.PgTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.TransactionalRepositoryFactoryBeanSupport;
import org.springframework.util.Assert;

/**
 * Creates one data-bridge repository bean; Spring Data registers one of these per repository
 * interface it finds.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 * @param <ID> the id type
 */
public class PgRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
		extends TransactionalRepositoryFactoryBeanSupport<T, S, ID> {

	private @Nullable PgTemplate pgTemplate;

	private boolean validateQueries = true;

	/** Creates the factory bean for a repository interface. */
	public PgRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/** Sets the template the repository runs on. */
	public void setPgTemplate(PgTemplate pgTemplate) {
		this.pgTemplate = pgTemplate;
	}

	/**
	 * Whether PostgreSQL parses every query method's statements when the repository is created
	 * (default {@code true}); see {@link PgRepositoryFactory#setValidateQueries(boolean)}.
	 */
	public void setValidateQueries(boolean validateQueries) {
		this.validateQueries = validateQueries;
	}

	@Override
	protected RepositoryFactorySupport doCreateRepositoryFactory() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		PgRepositoryFactory factory = new PgRepositoryFactory(this.pgTemplate);
		factory.setValidateQueries(this.validateQueries);
		return factory;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		setMappingContext(this.pgTemplate.getMappingContext());
		super.afterPropertiesSet();
	}
}
