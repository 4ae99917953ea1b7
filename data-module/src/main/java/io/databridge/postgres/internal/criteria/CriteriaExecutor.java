package io.databridge.postgres.internal.criteria;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.observation.ObservedJdbc;
import io.databridge.postgres.query.Criteria;
import io.databridge.postgres.query.Query;
import io.databridge.postgres.query.Update;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs criteria queries and writes: {@link CriteriaStatements} renders each shape once
 * and binds the values, this class executes the statement and completes the entities
 * read. Arguments are checked by the caller. Thread-safe.
 */
public final class CriteriaExecutor {

	private final RepositorySupport support;

	private final ObservedJdbc jdbc;

	private final CriteriaStatements statements;

	/** Creates an executor over the template's shared state. */
	public CriteriaExecutor(RepositorySupport support) {
		this.support = support;
		this.jdbc = support.observed();
		this.statements = new CriteriaStatements(support.codecs());
	}

	/** The statements of criteria queries, with their cache of shapes. */
	public CriteriaStatements statements() {
		return this.statements;
	}

	/** One page of the entities that match a criteria; counted only when needed. */
	public <T> Page<T> findAll(Criteria criteria, Pageable pageable, Class<T> type) {
		Query query = Query.query(criteria).sort(pageable.getSort());
		if (pageable.isUnpaged()) {
			return new PageImpl<>(findAll(query, type));
		}
		List<T> content = findAll(query.limit(pageable.getPageSize()).offset(pageable.getOffset()), type);
		return PageableExecutionUtils.getPage(content, pageable, () -> count(criteria, type));
	}

	/** The entities (or, with columns, the partial rows) a query selects. */
	public <T> List<T> findAll(Query query, Class<T> type) {
		EntityStatements<T> s = this.support.statements(type);
		PreparedSql sql = this.statements.select(s, query);
		List<T> rows = this.jdbc.query(s.entity().tableName(), sql.sql(), sql, mapper(s, query));
		return query.columns().isEmpty() ? this.support.afterLoad(type, rows) : rows;
	}

	/** The one entity a query selects; more than one fails. */
	public <T> Optional<T> findOne(Query query, Class<T> type) {
		Integer limit = query.limit();
		List<T> rows = findAll(limit != null && limit < 2 ? query : query.limit(2), type);
		if (rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(
					"More than one " + type.getSimpleName() + " matches " + query.criteria(), 1);
		}
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	/** The number of rows that match a criteria. */
	public long count(Criteria criteria, Class<?> type) {
		EntityStatements<?> s = this.support.statements(type);
		PreparedSql sql = this.statements.count(s, criteria);
		Long count = this.jdbc.query(s.entity().tableName(), sql.sql(), sql, rs -> rs.next() ? rs.getLong(1) : 0L);
		return count == null ? 0 : count;
	}

	/** Whether any row matches a criteria. */
	public boolean exists(Criteria criteria, Class<?> type) {
		EntityStatements<?> s = this.support.statements(type);
		PreparedSql sql = this.statements.exists(s, criteria);
		ResultSetExtractor<Boolean> hasRow = ResultSet::next;
		return Boolean.TRUE.equals(this.jdbc.query(s.entity().tableName(), sql.sql(), sql, hasRow));
	}

	/** Streams what a query selects through a server-side cursor; needs a transaction. */
	public <T> Stream<T> stream(Query query, Class<T> type) {
		EntityStatements<T> s = this.support.statements(type);
		PreparedSql sql = this.statements.select(s, query);
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new InvalidDataAccessApiUsageException("stream(...) of " + type.getSimpleName()
					+ " needs an active transaction: PostgreSQL keeps the server-side cursor only inside one. "
					+ "Call it from a @Transactional method or a TransactionTemplate, and close the stream");
		}
		return this.jdbc.queryForStream(this.support.streamingJdbc(), s.entity().tableName(), sql.sql(), sql,
				mapper(s, query));
	}

	/** Deletes the rows that match a criteria. */
	public long delete(Criteria criteria, Class<?> type) {
		EntityStatements<?> s = this.support.statements(type);
		PreparedSql sql = this.statements.delete(s, criteria);
		return this.jdbc.update(s.entity().tableName(), sql.sql(), sql);
	}

	/** Updates the rows that match a criteria. */
	public long update(Criteria criteria, Update update, Class<?> type) {
		EntityStatements<?> s = this.support.statements(type);
		PreparedSql sql = this.statements.update(s, criteria, update);
		return this.jdbc.update(s.entity().tableName(), sql.sql(), sql);
	}

	private static <T> RowMapper<T> mapper(EntityStatements<T> s, Query query) {
		return query.columns().isEmpty() ? s.reader().mapper() : s.reader().labelMapper();
	}

}
