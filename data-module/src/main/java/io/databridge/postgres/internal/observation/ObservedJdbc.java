package io.databridge.postgres.internal.observation;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@link JdbcTemplate} calls data-bridge makes, each run through the current
 * {@link StatementObserver}: one observation and one SQL log line per statement, tagged
 * with its table. The operation is read from the statement's first keyword. A write in
 * auto-commit whose connection was lost after sending fails as a
 * {@code CommitOutcomeUnknownException} ({@link AutoCommitOutcome}). Thread-safe.
 */
public final class ObservedJdbc {

	private final JdbcTemplate jdbc;

	private final Supplier<StatementObserver> observer;

	private final UnaryOperator<RuntimeException> failures;

	/**
	 * Creates the wrapper.
	 * @param jdbc runs the statements
	 * @param observer the observer in force, asked at every statement
	 */
	public ObservedJdbc(JdbcTemplate jdbc, Supplier<StatementObserver> observer) {
		this(jdbc, observer, UnaryOperator.identity());
	}

	/**
	 * Creates the wrapper.
	 * @param jdbc runs the statements
	 * @param observer the observer in force, asked at every statement
	 * @param failures turns the failure of a statement into the one thrown (for example a
	 * missing table into the library's message naming the entity)
	 */
	public ObservedJdbc(JdbcTemplate jdbc, Supplier<StatementObserver> observer,
			UnaryOperator<RuntimeException> failures) {
		this.jdbc = jdbc;
		this.observer = observer;
		this.failures = failures;
	}

	/** The plain template. */
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** {@link JdbcTemplate#update(String, PreparedStatementSetter)}, observed. */
	public int update(String table, String sql, @Nullable PreparedStatementSetter setter) {
		return run(table, sql, () -> this.jdbc.update(sql, traced(sql, setter)));
	}

	/** {@link JdbcTemplate#update(String)}, observed. */
	public int update(String table, String sql) {
		return run(table, sql, () -> this.jdbc.update(sql));
	}

	/**
	 * {@link JdbcTemplate#query(String, PreparedStatementSetter, ResultSetExtractor)},
	 * observed.
	 */
	public <T> @Nullable T query(String table, String sql, @Nullable PreparedStatementSetter setter,
			ResultSetExtractor<T> extractor) {
		return run(table, sql, () -> this.jdbc.query(sql, traced(sql, setter), extractor));
	}

	/**
	 * {@link JdbcTemplate#query(String, PreparedStatementSetter, RowMapper)}, observed.
	 */
	public <T> List<T> query(String table, String sql, @Nullable PreparedStatementSetter setter, RowMapper<T> mapper) {
		return run(table, sql, () -> this.jdbc.query(sql, traced(sql, setter), mapper));
	}

	/** {@link JdbcTemplate#query(String, RowMapper)}, observed. */
	public <T> List<T> query(String table, String sql, RowMapper<T> mapper) {
		return run(table, sql, () -> this.jdbc.query(sql, mapper));
	}

	/** {@link JdbcTemplate#queryForObject(String, Class)}, observed. */
	public <T> @Nullable T queryForObject(String table, String sql, Class<T> type) {
		return run(table, sql, () -> this.jdbc.queryForObject(sql, type));
	}

	/**
	 * Runs one statement through the observer; a write in auto-commit whose connection
	 * was lost after sending fails as a
	 * {@link io.databridge.postgres.support.CommitOutcomeUnknownException}
	 * ({@link AutoCommitOutcome}), other failures as the failure function makes them.
	 */
	private <T> T run(String table, String sql, StatementObserver.Work<T> work) {
		try {
			return this.observer.get().statement(table, sql, work);
		}
		catch (DataAccessException ex) {
			throw this.failures.apply(AutoCommitOutcome.of(this.jdbc, table, sql, ex));
		}
	}

	/**
	 * {@link JdbcTemplate#queryForStream(String, PreparedStatementSetter, RowMapper)} on
	 * a template of its own (a fetch size set), observed until the stream ends.
	 */
	public <T> Stream<T> queryForStream(JdbcTemplate streaming, String table, String sql,
			PreparedStatementSetter setter, RowMapper<T> mapper) {
		PreparedStatementSetter traced = traced(sql, setter);
		try {
			return this.observer.get()
				.stream(table, sql, () -> streaming.queryForStream(sql, (traced != null) ? traced : setter, mapper));
		}
		catch (RuntimeException ex) {
			throw this.failures.apply(ex);
		}
	}

	/**
	 * A stream over the rows of one statement that the caller opens itself, observed
	 * until the stream ends; the caller reports its bind values with {@link #bound}.
	 */
	public <T> Stream<T> stream(String table, String sql, StatementObserver.Work<Stream<T>> open) {
		return this.observer.get().stream(table, sql, open);
	}

	/**
	 * Logs a statement's bind values (TRACE of {@code io.databridge.sql}, redacted unless
	 * bind-value logging is on), for statements not sent through this class.
	 */
	public void bound(String sql, PreparedStatement statement) {
		StatementObserver current = this.observer.get();
		if (current.tracing()) {
			current.bound(sql, statement);
		}
	}

	private @Nullable PreparedStatementSetter traced(String sql, @Nullable PreparedStatementSetter setter) {
		StatementObserver current = this.observer.get();
		if (!current.tracing()) {
			return setter;
		}
		return (ps) -> {
			if (setter != null) {
				setter.setValues(ps);
			}
			current.bound(sql, ps);
		};
	}

	/**
	 * {@link JdbcTemplate#batchUpdate(String, BatchPreparedStatementSetter)}, observed.
	 */
	public int[] batchUpdate(String table, String sql, BatchPreparedStatementSetter setter) {
		return run(table, sql, () -> this.jdbc.batchUpdate(sql, setter));
	}

	/**
	 * {@link JdbcTemplate#execute(ConnectionCallback)} for a callback that runs the one
	 * statement {@code sql}, observed.
	 */
	public <T> @Nullable T execute(String table, String sql, ConnectionCallback<T> callback) {
		return run(table, sql, () -> this.jdbc.execute(callback));
	}

}
