package io.databridge.postgres.internal.repository;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.databridge.postgres.internal.repository.query.ExampleQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;

/**
 * The fluent Query by Example API of {@link SimplePgRepository#findBy}: an immutable
 * description (sort, limit, result type) that runs when a terminal method is called.
 * {@code project(...)} is accepted but every column is still read, since results are
 * built from whole entities.
 *
 * @param <S> the probe type
 * @param <R> the result type
 */
final class FluentExampleQuery<S, R> implements FetchableFluentQuery<R> {

	private final Example<S> example;

	private final ExampleQueries<? super S> queries;

	private final Sort sort;

	private final int limit;

	private final Function<Object, R> converter;

	private final Function<Class<?>, Function<Object, ?>> converters;

	FluentExampleQuery(Example<S> example, ExampleQueries<? super S> queries, Sort sort, int limit,
			Function<Object, R> converter, Function<Class<?>, Function<Object, ?>> converters) {
		this.example = example;
		this.queries = queries;
		this.sort = sort;
		this.limit = limit;
		this.converter = converter;
		this.converters = converters;
	}

	@Override
	public FetchableFluentQuery<R> sortBy(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		return new FluentExampleQuery<>(this.example, this.queries, this.sort.and(sort), this.limit, this.converter,
				this.converters);
	}

	@Override
	public FetchableFluentQuery<R> limit(int limit) {
		Assert.isTrue(limit >= 0, "Limit must not be negative");
		return new FluentExampleQuery<>(this.example, this.queries, this.sort, limit, this.converter, this.converters);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <N> FetchableFluentQuery<N> as(Class<N> resultType) {
		Assert.notNull(resultType, "Result type must not be null");
		Function<Object, N> convert = (Function<Object, N>) this.converters.apply(resultType);
		return new FluentExampleQuery<>(this.example, this.queries, this.sort, this.limit, convert, this.converters);
	}

	@Override
	public FetchableFluentQuery<R> project(Collection<String> properties) {
		return this;
	}

	@Override
	public @Nullable R oneValue() {
		List<S> rows = this.queries.find(this.example, this.sort, 2, 0);
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException("Query by Example matched more than one row", 1);
		}
		return rows.isEmpty() ? null : this.converter.apply(rows.get(0));
	}

	@Override
	public @Nullable R firstValue() {
		List<S> rows = this.queries.find(this.example, this.sort, 1, 0);
		return rows.isEmpty() ? null : this.converter.apply(rows.get(0));
	}

	@Override
	public List<R> all() {
		return this.queries.find(this.example, this.sort, this.limit, 0).stream().map(this.converter).toList();
	}

	@Override
	public Window<R> scroll(ScrollPosition scrollPosition) {
		if (!(scrollPosition instanceof OffsetScrollPosition offset)) {
			throw new InvalidDataAccessApiUsageException("Query by Example scrolls by offset only; "
					+ "use a derived query method returning Window<T> for keyset scrolling");
		}
		Assert.isTrue(this.limit > 0, "Scrolling needs a limit");
		long start = offset.isInitial() ? 0 : offset.getOffset() + 1;
		List<S> rows = this.queries.find(this.example, this.sort, this.limit + 1, start);
		boolean hasNext = rows.size() > this.limit;
		List<R> content = (hasNext ? rows.subList(0, this.limit) : rows).stream().map(this.converter).toList();
		return Window.from(content, OffsetScrollPosition.positionFunction(start), hasNext);
	}

	@Override
	public Page<R> page(Pageable pageable) {
		if (pageable.isUnpaged()) {
			return new org.springframework.data.domain.PageImpl<>(all());
		}
		List<R> content = this.queries
			.find(this.example, this.sort.and(pageable.getSort()), pageable.getPageSize(), pageable.getOffset())
			.stream()
			.map(this.converter)
			.toList();
		return PageableExecutionUtils.getPage(content, pageable, this::count);
	}

	@Override
	public Slice<R> slice(Pageable pageable) {
		if (pageable.isUnpaged()) {
			return new SliceImpl<>(all(), pageable, false);
		}
		int size = pageable.getPageSize();
		List<S> rows = this.queries.find(this.example, this.sort.and(pageable.getSort()), size + 1,
				pageable.getOffset());
		boolean hasNext = rows.size() > size;
		List<R> content = (hasNext ? rows.subList(0, size) : rows).stream().map(this.converter).toList();
		return new SliceImpl<>(content, pageable, hasNext);
	}

	@Override
	public Stream<R> stream() {
		return this.queries.stream(this.example, this.sort, this.limit).map(this.converter);
	}

	@Override
	public long count() {
		return this.queries.count(this.example);
	}

	@Override
	public boolean exists() {
		return this.queries.exists(this.example);
	}

}
