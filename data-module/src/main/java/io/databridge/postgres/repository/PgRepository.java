package io.databridge.postgres.repository;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Update;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/**
 * The repository interface of data-bridge: declare {@code interface UserRepo extends
 * PgRepository<User, Long>} and Spring creates it, with CRUD, paging and sorting backed
 * by {@link io.databridge.postgres.core.PgTemplate}. Write methods run in a transaction
 * of their own unless one is active. A read of one statement (such as {@code findById})
 * starts no transaction: it is one round trip in auto-commit, or runs inside the caller's
 * transaction; the paged reads (content and count) run in a read-only one. Query by
 * Example ({@link QueryByExampleExecutor}) matches a probe's non-null properties; string
 * matchers bind the probe's value, LIKE wildcards escaped.
 *
 * <p>
 * The {@link Criteria} methods check properties, operators and value types against the
 * entity's mapping before any SQL is sent, failing with an
 * {@link org.springframework.dao.InvalidDataAccessApiUsageException} or an
 * {@link IllegalArgumentException} that names the property.
 *
 * @param <T> the entity type
 * @param <ID> the type of its {@code @Id} property
 */
@NoRepositoryBean
public interface PgRepository<T, ID>
		extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID>, QueryByExampleExecutor<T> {

	/** The entities that match a criteria, in no particular order. */
	List<T> findAll(Criteria criteria);

	/** The entities that match a criteria, sorted. */
	List<T> findAll(Criteria criteria, Sort sort);

	/** One page of the entities that match a criteria. */
	Page<T> findAll(Criteria criteria, Pageable pageable);

	/**
	 * The one entity that matches a criteria.
	 * @throws org.springframework.dao.IncorrectResultSizeDataAccessException when more
	 * than one matches
	 */
	Optional<T> findOne(Criteria criteria);

	/** The number of entities that match a criteria. */
	long count(Criteria criteria);

	/** Whether any entity matches a criteria. */
	boolean exists(Criteria criteria);

	/**
	 * Streams the entities that match a criteria through a server-side cursor. Must be
	 * called inside the caller's transaction; close the stream before it ends.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when no
	 * transaction is active
	 */
	Stream<T> stream(Criteria criteria);

	/**
	 * Deletes the entities that match a criteria.
	 * @return the number of rows deleted
	 */
	long delete(Criteria criteria);

	/**
	 * Updates the entities that match a criteria.
	 * @return the number of rows updated
	 */
	long update(Criteria criteria, Update update);

	/**
	 * Inserts entities by binary COPY, in parallel from
	 * {@code databridge.pg.bulk.parallel-threshold} rows, all or nothing; entities with a
	 * {@code null} id get one from the table (the objects are not changed). Joins the
	 * caller's transaction when there is one. See
	 * {@link io.databridge.postgres.bulk.BulkInsert} for options.
	 * @param entities the entities, read once; either all carry ids or none do
	 * @return the number of rows written
	 * @throws org.springframework.dao.DataAccessException when anything fails; the table
	 * is then unchanged
	 */
	long insertAll(Iterable<? extends T> entities);

}
