package io.databridge.postgres.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * The repository interface of data-bridge: declare {@code interface UserRepo extends
 * PgRepository<User, Long>} and Spring creates it, with CRUD, paging and sorting backed by
 * {@link io.databridge.postgres.core.PgTemplate}. Write methods run in a transaction of their own
 * unless one is active; read methods in a read-only one.
 *
 * @param <T> the entity type
 * @param <ID> the type of its {@code @Id} property
 */
@NoRepositoryBean
public interface PgRepository<T, ID> extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID> {

	/**
	 * Inserts entities by binary COPY, in parallel from {@code databridge.pg.bulk.parallel-threshold} rows, all or
	 * nothing; entities with a {@code null} id get one from the table (the objects are not changed). Joins the
	 * caller's transaction when there is one. See {@link io.databridge.postgres.bulk.BulkInsert} for options.
	 * @param entities the entities, read once; either all carry ids or none do
	 * @return the number of rows written
	 * @throws org.springframework.dao.DataAccessException when anything fails; the table is then unchanged
	 */
	long insertAll(Iterable<? extends T> entities);
}
