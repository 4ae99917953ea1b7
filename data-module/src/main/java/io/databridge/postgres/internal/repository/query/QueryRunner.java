package io.databridge.postgres.internal.repository.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import io.databridge.postgres.internal.observation.ObservedJdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs {@link PreparedQuery}s through Spring's {@link JdbcTemplate} (connection from the
 * current transaction, exceptions translated), and streams results through a server-side
 * cursor.
 *
 * <p>
 * Streaming: pgjdbc reads a result in chunks of the fetch size only when auto-commit is
 * off, so the stream needs a transaction; outside one it fails instead of silently
 * loading every row. The statement, result set and connection are released when the
 * stream is closed. Thread-safe.
 */
final class QueryRunner {

	/** Rows fetched per round trip when streaming. */
	static final int STREAM_FETCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	private final ObservedJdbc observed;

	private final String table;

	private final RowCompletion completion;

	QueryRunner(ObservedJdbc observed, String table, RowCompletion completion) {
		this.observed = observed;
		this.jdbc = observed.jdbc();
		this.table = table;
		this.completion = completion;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	@SuppressWarnings("unchecked")
	<T> List<T> list(PreparedQuery query, Invocation invocation, RowMapper<T> mapper) {
		List<T> rows = this.observed.query(this.table, query.sql(), query.setter(invocation), mapper);
		return rows.isEmpty() ? rows : (List<T>) this.completion.complete(rows);
	}

	long count(PreparedQuery query, Invocation invocation) {
		ResultSetExtractor<Long> first = rs -> rs.next() ? rs.getLong(1) : 0L;
		Long count = this.observed.query(this.table, query.sql(), query.setter(invocation), first);
		return count == null ? 0 : count;
	}

	boolean exists(PreparedQuery query, Invocation invocation) {
		ResultSetExtractor<Boolean> hasRow = ResultSet::next;
		return Boolean.TRUE.equals(this.observed.query(this.table, query.sql(), query.setter(invocation), hasRow));
	}

	int update(PreparedQuery query, Invocation invocation) {
		return this.observed.update(this.table, query.sql(), query.setter(invocation));
	}

	/**
	 * Opens a stream over a server-side cursor.
	 * @param method the method, named in the error when no transaction is active
	 * @throws InvalidDataAccessApiUsageException outside a transaction
	 */
	<T> Stream<T> stream(PreparedQuery query, Invocation invocation, RowMapper<T> mapper, String method) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new InvalidDataAccessApiUsageException(method + " returns a Stream, which reads rows through a "
					+ "server-side cursor and therefore needs a transaction; call it inside a @Transactional method "
					+ "or a TransactionTemplate, and close the stream (try-with-resources)");
		}
		return this.observed.stream(this.table, query.sql(), () -> open(query, invocation, mapper, method));
	}

	private <T> Stream<T> open(PreparedQuery query, Invocation invocation, RowMapper<T> mapper, String method) {
		DataSource dataSource = this.jdbc.getDataSource();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		PreparedStatement ps = null;
		ResultSet rs = null;
		try {
			ps = connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(STREAM_FETCH_SIZE);
			query.bind(ps, invocation);
			this.observed.bound(query.sql(), ps);
			rs = ps.executeQuery();
			Cursor<T> cursor = new Cursor<>(rs, mapper, query.sql(), this.jdbc.getExceptionTranslator(), method);
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						cursor.transactionEnded();
					}
				});
			}
			PreparedStatement statement = ps;
			ResultSet resultSet = rs;
			return StreamSupport.stream(cursor, false).onClose(() -> {
				JdbcUtils.closeResultSet(resultSet);
				JdbcUtils.closeStatement(statement);
				DataSourceUtils.releaseConnection(connection, dataSource);
			});
		}
		catch (SQLException | RuntimeException ex) {
			JdbcUtils.closeResultSet(rs);
			JdbcUtils.closeStatement(ps);
			DataSourceUtils.releaseConnection(connection, dataSource);
			if (ex instanceof SQLException sqlException) {
				throw translate(this.jdbc.getExceptionTranslator(), query.sql(), sqlException);
			}
			throw (RuntimeException) ex;
		}
	}

	/**
	 * A slice of {@code size} rows from a fetch of {@code size + 1}: the extra row only
	 * says there is a next slice.
	 */
	static <T> org.springframework.data.domain.Slice<T> slice(List<T> rows, int size,
			org.springframework.data.domain.Pageable pageable) {
		boolean hasNext = rows.size() > size;
		return new org.springframework.data.domain.SliceImpl<>(hasNext ? rows.subList(0, size) : rows, pageable,
				hasNext);
	}

	static DataAccessException translate(SQLExceptionTranslator translator, String sql, SQLException ex) {
		DataAccessException translated = translator.translate("stream", sql, ex);
		return translated != null ? translated
				: new org.springframework.jdbc.UncategorizedSQLException("stream", sql, ex);
	}

	/**
	 * Maps one row per {@code tryAdvance}; rows arrive from the server one fetch at a
	 * time.
	 */
	private static final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {

		private final ResultSet rs;

		private final RowMapper<T> mapper;

		private final String sql;

		private final SQLExceptionTranslator translator;

		private final String method;

		private int row;

		private volatile boolean transactionEnded;

		Cursor(ResultSet rs, RowMapper<T> mapper, String sql, SQLExceptionTranslator translator, String method) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.rs = rs;
			this.mapper = mapper;
			this.sql = sql;
			this.translator = translator;
			this.method = method;
		}

		void transactionEnded() {
			this.transactionEnded = true;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			if (this.transactionEnded) {
				throw new InvalidDataAccessApiUsageException(this.method
						+ " returned a Stream that was read after the transaction it was opened in had ended, "
						+ "which closed its server-side cursor. A @Transactional on the repository method itself "
						+ "ends when the method returns; read the stream inside the caller's @Transactional "
						+ "method or TransactionTemplate, and close it there (try-with-resources)");
			}
			try {
				if (!this.rs.next()) {
					return false;
				}
				@Nullable T value = this.mapper.mapRow(this.rs, this.row++);
				action.accept(value);
				return true;
			}
			catch (SQLException ex) {
				throw translate(this.translator, this.sql, ex);
			}
		}

	}

}
