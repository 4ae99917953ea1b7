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

	/** Creates the factory bean for a repository interface. */
	public PgRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/** Sets the template the repository runs on. */
	public void setPgTemplate(PgTemplate pgTemplate) {
		this.pgTemplate = pgTemplate;
	}

	@Override
	protected RepositoryFactorySupport doCreateRepositoryFactory() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		return new PgRepositoryFactory(this.pgTemplate);
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.pgTemplate != null, "PgTemplate must be set");
		setMappingContext(this.pgTemplate.getMappingContext());
		super.afterPropertiesSet();
	}
}
