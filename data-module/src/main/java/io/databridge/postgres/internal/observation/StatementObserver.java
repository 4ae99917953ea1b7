package io.databridge.postgres.internal.observation;

import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.function.ToLongFunction;

import io.databridge.postgres.observation.DefaultPgBulkObservationConvention;
import io.databridge.postgres.observation.DefaultPgStatementObservationConvention;
import io.databridge.postgres.observation.PgBulkContext;
import io.databridge.postgres.observation.PgBulkObservationConvention;
import io.databridge.postgres.observation.PgObservationDocumentation;
import io.databridge.postgres.observation.PgStatementContext;
import io.databridge.postgres.observation.PgStatementObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Wraps statements and bulk loads in Micrometer observations and writes the SQL log.
 *
 * <p>
 * The log is the category {@code io.databridge.sql}: at DEBUG each statement with its
 * operation, table, duration and SQL; at TRACE also its bind values, shown as
 * {@code [n values redacted]} unless bind-value logging is on. With a no-op registry and
 * the log above DEBUG, {@link #statement} calls the work directly: no observation, no
 * clock read. Immutable and thread-safe.
 */
public final class StatementObserver {

	/** The SQL log's category. */
	public static final String LOG_CATEGORY = "io.databridge.sql";

	private static final Log logger = LogFactory.getLog(LOG_CATEGORY);

	/** Observes nothing; logs when the SQL log is on. */
	public static final StatementObserver NONE = new StatementObserver(ObservationRegistry.NOOP, null, null, false);

	private static final PgStatementObservationConvention DEFAULT_STATEMENT = new DefaultPgStatementObservationConvention();

	private static final PgBulkObservationConvention DEFAULT_BULK = new DefaultPgBulkObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable PgStatementObservationConvention statementConvention;

	private final @Nullable PgBulkObservationConvention bulkConvention;

	private final boolean logBindValues;

	/**
	 * Creates an observer.
	 * @param registry where observations go ({@link ObservationRegistry#NOOP} for none)
	 * @param statementConvention a custom convention for statements, or {@code null}
	 * @param bulkConvention a custom convention for bulk loads, or {@code null}
	 * @param logBindValues whether TRACE shows bind values rather than redacting them
	 */
	public StatementObserver(ObservationRegistry registry,
			@Nullable PgStatementObservationConvention statementConvention,
			@Nullable PgBulkObservationConvention bulkConvention, boolean logBindValues) {
		this.registry = registry;
		this.statementConvention = statementConvention;
		this.bulkConvention = bulkConvention;
		this.logBindValues = logBindValues;
	}

	/**
	 * Runs one statement, observed and logged.
	 * @param table the table
	 * @param sql the SQL text; its first keyword names the operation
	 * @param work sends the statement
	 */
	public <T> T statement(String table, String sql, Work<T> work) {
		boolean debug = logger.isDebugEnabled();
		if (this.registry.isNoop() && !debug) {
			return work.run();
		}
		String operation = operation(sql);
		long start = System.nanoTime();
		Observation observation = PgObservationDocumentation.STATEMENT.observation(this.statementConvention,
				DEFAULT_STATEMENT, () -> new PgStatementContext(operation, table, sql), this.registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.run();
			if (debug) {
				log(operation, table, sql, start, null);
			}
			return result;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			if (debug) {
				log(operation, table, sql, start, ex);
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/** Whether bind values are logged (TRACE of {@code io.databridge.sql}). */
	boolean tracing() {
		return logger.isTraceEnabled();
	}

	/**
	 * Logs the bind values of a statement at TRACE: the statement with its values when
	 * bind-value logging is on, else only how many there are.
	 */
	void bound(String sql, PreparedStatement statement) {
		if (this.logBindValues) {
			logger.trace("bound: " + statement);
		}
		else {
			long markers = sql.chars().filter((c) -> c == '?').count();
			logger.trace("bind values: [" + markers + " values redacted]");
		}
	}

	/**
	 * The operation of a statement: its first keyword in lower case ({@code with} counts
	 * as {@code select}).
	 */
	static String operation(String sql) {
		int start = 0;
		while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
			start++;
		}
		int end = start;
		while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
			end++;
		}
		String keyword = sql.substring(start, end).toLowerCase(Locale.ROOT);
		return switch (keyword) {
			case "with", "values", "table" -> "select";
			case "" -> "unknown";
			default -> keyword;
		};
	}

	/**
	 * Runs one bulk load, observed and logged.
	 * @param table the target table
	 * @param atomicity the load's atomicity mode
	 * @param work runs the load
	 * @param rows the rows written, read from the load's result
	 */
	public <T> T bulk(String table, String atomicity, Work<T> work, ToLongFunction<T> rows) {
		boolean debug = logger.isDebugEnabled();
		if (this.registry.isNoop() && !debug) {
			return work.run();
		}
		long start = System.nanoTime();
		PgBulkContext context = new PgBulkContext(table, atomicity);
		Observation observation = PgObservationDocumentation.BULK_INSERT.observation(this.bulkConvention, DEFAULT_BULK,
				() -> context, this.registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.run();
			context.setRows(rows.applyAsLong(result));
			if (debug) {
				logger.debug(String.format("copy %s: %d rows (%s) in %.3f ms", table, context.getRows(), atomicity,
						(System.nanoTime() - start) / 1e6));
			}
			return result;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			if (debug) {
				logger.debug(String.format("copy %s (%s) failed after %.3f ms: %s", table, atomicity,
						(System.nanoTime() - start) / 1e6, ex));
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private void log(String operation, String table, String sql, long start, @Nullable RuntimeException error) {
		double millis = (System.nanoTime() - start) / 1e6;
		String outcome = (error != null) ? " failed (" + error.getClass().getSimpleName() + ")" : "";
		logger.debug(String.format("%s %s%s in %.3f ms: %s", operation, table, outcome, millis, sql));
	}

	/** Sends a statement. */
	@FunctionalInterface
	public interface Work<T> {

		/** Sends it and answers its result. */
		T run();

	}

}
