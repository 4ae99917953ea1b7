package io.databridge.postgres.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/**
 * The repository interface of data-bridge: declare {@code interface UserRepo extends
 * PgRepository<User, Long>} and Spring creates it, with CRUD, paging and sorting backed by
 * {@link io.databridge.postgres.core.PgTemplate}. Write methods run in a transaction of their own
 * unless one is active; read methods in a read-only one. Query by Example ({@link QueryByExampleExecutor})
 * matches a probe's non-null properties; string matchers bind the probe's value, LIKE wildcards escaped.
 *
 * @param <T> the entity type
 * @param <ID> the type of its {@code @Id} property
 */
@NoRepositoryBean
public interface PgRepository<T, ID>
		extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID>, QueryByExampleExecutor<T> {
}
