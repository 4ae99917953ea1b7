package io.databridge.postgres.internal.repository;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import io.databridge.postgres.core.PgTemplate;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.repository.query.ExampleQueries;
import io.databridge.postgres.internal.repository.query.RowCompletion;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Update;
import io.databridge.postgres.repository.PgRepository;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The default implementation behind every {@link PgRepository}: each CRUD method is one
 * call on {@link PgTemplate}.
 *
 * <p>
 * Transactions: a read that is one statement ({@code findById}, {@code findAll},
 * {@code count}, a Criteria or Example query) opens none: outside a transaction it is one
 * round trip in auto-commit, inside one it runs on the caller's connection. A write, and
 * any operation of more than one statement (cascades to owned collections, a page and its
 * count), runs in a read-write transaction that joins the caller's.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
public class SimplePgRepository<T, ID> implements PgRepository<T, ID> {

	private final PgTemplate template;

	private final Class<T> type;

	private final ExampleQueries<T> examples;

	private final SpelAwareProxyProjectionFactory projections = new SpelAwareProxyProjectionFactory();

	/** Creates a repository for one entity type. */
	public SimplePgRepository(PgTemplate template, Class<T> type) {
		this.template = template;
		this.type = type;
		RepositorySupport support = template.unwrap(RepositorySupport.class);
		this.examples = new ExampleQueries<>(support.statements(type), support.codecs(), support.observed(),
				RowCompletion.of(type, support));
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
	@Transactional(readOnly = true)
	public Page<T> findAll(Pageable pageable) {
		Assert.notNull(pageable, "Pageable must not be null");
		return this.template.findAll(this.type, pageable);
	}

	@Override
	public List<T> findAll(Criteria criteria) {
		return this.template.findAll(criteria, this.type);
	}

	@Override
	public List<T> findAll(Criteria criteria, Sort sort) {
		return this.template.findAll(criteria, sort, this.type);
	}

	@Override
	@Transactional(readOnly = true)
	public Page<T> findAll(Criteria criteria, Pageable pageable) {
		return this.template.findAll(criteria, pageable, this.type);
	}

	@Override
	public Optional<T> findOne(Criteria criteria) {
		return this.template.findOne(criteria, this.type);
	}

	@Override
	public long count(Criteria criteria) {
		return this.template.count(criteria, this.type);
	}

	@Override
	public boolean exists(Criteria criteria) {
		return this.template.exists(criteria, this.type);
	}

	/**
	 * Joins the caller's transaction but never starts one: the cursor must outlive this
	 * call.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public Stream<T> stream(Criteria criteria) {
		return this.template.stream(criteria, this.type);
	}

	@Override
	@Transactional
	public long delete(Criteria criteria) {
		return this.template.delete(criteria, this.type);
	}

	@Override
	@Transactional
	public long update(Criteria criteria, Update update) {
		return this.template.update(criteria, update, this.type);
	}

	@Override
	public <S extends T> Optional<S> findOne(Example<S> example) {
		Assert.notNull(example, "Example must not be null");
		List<S> rows = this.examples.find(example, Sort.unsorted(), 2, 0);
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(
					"Query by Example matched more than one " + this.type.getSimpleName(), 1);
		}
		return rows.stream().findFirst();
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example) {
		Assert.notNull(example, "Example must not be null");
		return this.examples.find(example, Sort.unsorted(), 0, 0);
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
		Assert.notNull(example, "Example must not be null");
		Assert.notNull(sort, "Sort must not be null");
		return this.examples.find(example, sort, 0, 0);
	}

	@Override
	@Transactional(readOnly = true)
	public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
		Assert.notNull(example, "Example must not be null");
		Assert.notNull(pageable, "Pageable must not be null");
		if (pageable.isUnpaged()) {
			return new org.springframework.data.domain.PageImpl<>(findAll(example, pageable.getSort()));
		}
		List<S> content = this.examples.find(example, pageable.getSort(), pageable.getPageSize(), pageable.getOffset());
		return PageableExecutionUtils.getPage(content, pageable, () -> this.examples.count(example));
	}

	@Override
	public <S extends T> long count(Example<S> example) {
		Assert.notNull(example, "Example must not be null");
		return this.examples.count(example);
	}

	@Override
	public <S extends T> boolean exists(Example<S> example) {
		Assert.notNull(example, "Example must not be null");
		return this.examples.exists(example);
	}

	@Override
	public <S extends T, R> R findBy(Example<S> example, Function<FetchableFluentQuery<S>, R> queryFunction) {
		Assert.notNull(example, "Example must not be null");
		Assert.notNull(queryFunction, "Query function must not be null");
		Function<Object, S> identity = this::cast;
		return queryFunction
			.apply(new FluentExampleQuery<S, S>(example, this.examples, Sort.unsorted(), 0, identity, this::converter));
	}

	@SuppressWarnings("unchecked")
	private <S> S cast(Object value) {
		return (S) value;
	}

	private Function<Object, ?> converter(Class<?> resultType) {
		if (resultType.isAssignableFrom(this.type)) {
			return value -> value;
		}
		if (resultType.isInterface()) {
			return value -> this.projections.createProjection(resultType, value);
		}
		DtoInstantiatingConverter dto = new DtoInstantiatingConverter(resultType, this.template.getMappingContext(),
				new EntityInstantiators());
		return dto::convert;
	}

}
