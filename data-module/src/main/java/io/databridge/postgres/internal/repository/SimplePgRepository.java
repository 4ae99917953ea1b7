package io.databridge.postgres.internal.repository;

import java.util.List;
import java.util.Optional;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.repository.PgRepository;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The default implementation behind every {@link PgRepository}: each CRUD method is one call on
 * {@link PgTemplate}. Reads run in read-only transactions and writes in read-write ones, joining
 * the caller's transaction when there is one.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
@Transactional(readOnly = true)
public class SimplePgRepository<T, ID> implements PgRepository<T, ID> {

	private final PgTemplate template;

	private final Class<T> type;

	/** Creates a repository for one entity type. */
	public SimplePgRepository(PgTemplate template, Class<T> type) {
		this.template = template;
		this.type = type;
	}

	@Override
	@Transactional
	public <S extends T> S save(S entity) {
		return this.template.save(entity);
	}

	@Override
	@Transactional
	public <S extends T> List<S> saveAll(Iterable<S> entities) {
		return this.template.saveAll(entities);
	}

	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public long insertAll(Iterable<? extends T> entities) {
		return this.template.insertAll(entities, this.type);
	}

	@Override
	public Optional<T> findById(ID id) {
		return this.template.findById(id, this.type);
	}

	@Override
	public boolean existsById(ID id) {
		return this.template.existsById(id, this.type);
	}

	@Override
	public List<T> findAll() {
		return this.template.findAll(this.type);
	}

	@Override
	public List<T> findAllById(Iterable<ID> ids) {
		return this.template.findAllById(ids, this.type);
	}

	@Override
	public long count() {
		return this.template.count(this.type);
	}

	@Override
	@Transactional
	public void deleteById(ID id) {
		this.template.deleteById(id, this.type);
	}

	@Override
	@Transactional
	public void delete(T entity) {
		this.template.delete(entity);
	}

	@Override
	@Transactional
	public void deleteAllById(Iterable<? extends ID> ids) {
		this.template.deleteAllById(ids, this.type);
	}

	@Override
	@Transactional
	public void deleteAll(Iterable<? extends T> entities) {
		this.template.deleteAll(entities);
	}

	@Override
	@Transactional
	public void deleteAll() {
		this.template.deleteAll(this.type);
	}

	@Override
	public List<T> findAll(Sort sort) {
		return this.template.findAll(this.type, sort);
	}

	@Override
	public Page<T> findAll(Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		return this.template.findAll(this.type, pageable);
	}
}
