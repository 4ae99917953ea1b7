package io.databridge.postgres.internal.observation;

import java.util.Arrays;

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
	 * @param operation {@code select}, {@code insert}, {@code update}, {@code delete} or
	 * {@code copy}
	 * @param table the table
	 * @param sql the SQL text
	 * @param binds the bind values, for the TRACE log only; {@code null} when unknown
	 * @param work sends the statement
	 */
	public <T> T statement(String operation, String table, String sql, @Nullable Object @Nullable [] binds,
			Work<T> work) {
		boolean debug = logger.isDebugEnabled();
		if (this.registry.isNoop() && !debug) {
			return work.run();
		}
		long start = System.nanoTime();
		Observation observation = PgObservationDocumentation.STATEMENT.observation(this.statementConvention,
				DEFAULT_STATEMENT, () -> new PgStatementContext(operation, table, sql), this.registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.run();
			if (debug) {
				log(operation, table, sql, binds, start, null);
			}
			return result;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			if (debug) {
				log(operation, table, sql, binds, start, ex);
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Runs one bulk load, observed and logged.
	 * @param table the target table
	 * @param atomicity the load's atomicity mode
	 * @param work runs the load and answers the rows written
	 */
	public long bulk(String table, String atomicity, LongWork work) {
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
			long rows = work.run();
			context.setRows(rows);
			if (debug) {
				logger.debug(String.format("copy %s: %d rows (%s) in %.3f ms", table, rows, atomicity,
						(System.nanoTime() - start) / 1e6));
			}
			return rows;
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

	private void log(String operation, String table, String sql, @Nullable Object @Nullable [] binds, long start,
			@Nullable RuntimeException error) {
		double millis = (System.nanoTime() - start) / 1e6;
		String outcome = (error != null) ? " failed (" + error.getClass().getSimpleName() + ")" : "";
		logger.debug(String.format("%s %s%s in %.3f ms: %s", operation, table, outcome, millis, sql));
		if (binds != null && logger.isTraceEnabled()) {
			logger.trace(this.logBindValues ? "bind values: " + Arrays.deepToString(binds)
					: "bind values: [" + binds.length + " values redacted]");
		}
	}

	/** Sends a statement. */
	@FunctionalInterface
	public interface Work<T> {

		/** Sends it and answers its result. */
		T run();

	}

	/** Runs a bulk load. */
	@FunctionalInterface
	public interface LongWork {

		/** Runs it and answers the rows written. */
		long run();

	}

}
