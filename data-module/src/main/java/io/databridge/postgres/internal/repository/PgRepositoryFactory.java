package io.databridge.postgres.internal.repository;

import java.util.Optional;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.mapping.PgPersistentEntity;
import io.databridge.postgres.observation.PgCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * Builds data-bridge repositories: a {@link SimplePgRepository} for the CRUD methods and
 * a {@link PgQueryLookupStrategy} for query methods. When a repository is created its
 * entity's statements are rendered and its declared ID type is checked against the
 * entity's {@code @Id}, so a mismatch fails the application start. Over a read-routing
 * DataSource, each repository method also states whether it is a read (see
 * {@link ReadRoutingAdvice}).
 */
public class PgRepositoryFactory extends RepositoryFactorySupport {

	private final PgTemplate template;

	private boolean validateQueries = true;

	private @Nullable PgCatalog catalog;

	/** Creates a factory over a template. */
	public PgRepositoryFactory(PgTemplate template) {
		this.template = template;
		if (template.getJdbcOperations() instanceof JdbcTemplate jdbc) {
			ReadRoutingAdvice.register(this, jdbc.getDataSource());
		}
	}

	/**
	 * Whether PostgreSQL parses (prepares and describes, never executes) every
	 * {@code @Query} and derived statement when a repository is created, so SQL errors
	 * fail the start. Default {@code true}; needs a reachable database at start-up. Set
	 * it before creating repositories.
	 */
	public void setValidateQueries(boolean validateQueries) {
		this.validateQueries = validateQueries;
	}

	/**
	 * Sets the catalogue to fill with every statement of the repositories this factory
	 * creates, or {@code null} for none. Set it before creating repositories.
	 */
	public void setCatalog(@Nullable PgCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
		PgPersistentEntity<?> entity = this.template.unwrap(RepositorySupport.class)
			.mappingContext()
			.entity(metadata.getDomainType());
		return new PersistentEntityInformation<>(entity);
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation information) {
		Class<?> domainType = information.getDomainType();
		RepositorySupport support = this.template.unwrap(RepositorySupport.class);
		checkIdType(information, support.statements(domainType).idProperty().getType());
		new RepositoryCatalogue(this.catalog, this.validateQueries).crud(information, support.statements(domainType));
		return getTargetRepositoryViaReflection(information, this.template, domainType);
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return SimplePgRepository.class;
	}

	@Override
	protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.Key key,
			ValueExpressionDelegate valueExpressionDelegate) {
		return Optional.of(new PgQueryLookupStrategy(this.template, key, valueExpressionDelegate, this.validateQueries,
				new RepositoryCatalogue(this.catalog, this.validateQueries)));
	}

	private static void checkIdType(RepositoryMetadata metadata, Class<?> idPropertyType) {
		Class<?> declared = ClassUtils.resolvePrimitiveIfNecessary(metadata.getIdType());
		Class<?> actual = ClassUtils.resolvePrimitiveIfNecessary(idPropertyType);
		if (!declared.equals(actual)) {
			throw new IllegalArgumentException("Repository " + metadata.getRepositoryInterface().getName()
					+ " declares ID type " + declared.getName() + " but the @Id of "
					+ metadata.getDomainType().getName() + " is " + actual.getName());
		}
	}

}
