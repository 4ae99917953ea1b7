package io.databridge.postgres.internal.observation;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.databridge.postgres.internal.routing.RouteTrace;
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

	private final boolean routed;

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
		this(registry, statementConvention, bulkConvention, logBindValues, false);
	}

	private StatementObserver(ObservationRegistry registry,
			@Nullable PgStatementObservationConvention statementConvention,
			@Nullable PgBulkObservationConvention bulkConvention, boolean logBindValues, boolean routed) {
		this.registry = registry;
		this.statementConvention = statementConvention;
		this.bulkConvention = bulkConvention;
		this.logBindValues = logBindValues;
		this.routed = routed;
	}

	/**
	 * This observer for statements sent through a read-routing DataSource: each
	 * observation also carries where its connection went ({@code primary},
	 * {@code replica}, or {@code unknown} when no connection was taken).
	 */
	public StatementObserver routed() {
		return new StatementObserver(this.registry, this.statementConvention, this.bulkConvention, this.logBindValues,
				true);
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
		Observed observed = begin(table, sql, debug);
		try (Observation.Scope scope = observed.observation.openScope()) {
			T result = work.run();
			observed.routeSeen();
			observed.log(null);
			return result;
		}
		catch (RuntimeException ex) {
			observed.failed(ex);
			throw ex;
		}
		finally {
			observed.routeSeen();
			observed.observation.stop();
		}
	}

	/**
	 * Opens a stream over the rows of one statement (a server-side cursor), observed and
	 * logged: the observation starts when the statement is sent and stops when the last
	 * row was read, reading failed, the stream was closed or its transaction ended,
	 * whichever comes first; the log line then gives the rows read.
	 * @param table the table
	 * @param sql the SQL text
	 * @param open sends the statement and answers the stream over its rows
	 */
	public <T> Stream<T> stream(String table, String sql, Work<Stream<T>> open) {
		boolean debug = logger.isDebugEnabled();
		if (this.registry.isNoop() && !debug) {
			return open.run();
		}
		Observed observed = begin(table, sql, debug);
		Stream<T> rows;
		try (Observation.Scope scope = observed.observation.openScope()) {
			rows = open.run();
		}
		catch (RuntimeException ex) {
			observed.failed(ex);
			observed.observation.stop();
			throw ex;
		}
		observed.routeSeen();
		return ObservedStream.of(rows, (read, error) -> {
			if (error != null) {
				observed.observation.error(error);
			}
			if (debug) {
				log(observed.operation, table + " (" + read + " rows streamed)", sql, observed.start, error);
			}
			observed.observation.stop();
		});
	}

	private Observed begin(String table, String sql, boolean debug) {
		long start = System.nanoTime();
		String operation = operation(sql);
		PgStatementContext context = new PgStatementContext(operation, table, sql);
		Observation observation = PgObservationDocumentation.STATEMENT.observation(this.statementConvention,
				DEFAULT_STATEMENT, () -> context, this.registry);
		observation.start();
		String @Nullable [] routes = this.routed ? RouteTrace.listen() : null;
		return new Observed(table, sql, operation, start, debug, context, observation, routes, this.routed);
	}

	/**
	 * One started statement observation: its context, the route listener (when the
	 * DataSource routes reads) and what its log line needs.
	 */
	private static final class Observed {

		final String table;

		final String sql;

		final String operation;

		final long start;

		final boolean debug;

		final PgStatementContext context;

		final Observation observation;

		final String @Nullable [] routes;

		boolean listening;

		Observed(String table, String sql, String operation, long start, boolean debug, PgStatementContext context,
				Observation observation, String @Nullable [] routes, boolean listening) {
			this.table = table;
			this.sql = sql;
			this.operation = operation;
			this.start = start;
			this.debug = debug;
			this.context = context;
			this.observation = observation;
			this.routes = routes;
			this.listening = listening;
		}

		/** Ends listening for the statement's route (once) and puts it on its context. */
		void routeSeen() {
			if (this.listening) {
				this.listening = false;
				String route = RouteTrace.end(this.routes);
				this.context.setRoute((route != null) ? route : "unknown");
			}
		}

		void failed(RuntimeException ex) {
			routeSeen();
			this.observation.error(ex);
			log(ex);
		}

		void log(@Nullable RuntimeException error) {
			if (this.debug) {
				StatementObserver.log(this.operation, this.table, this.sql, this.start, error);
			}
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
	 * @param facts what the load's result tells: rows, bytes, path, partitions, phases
	 */
	public <T> T bulk(String table, String atomicity, Work<T> work, Function<T, BulkFacts> facts) {
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
			BulkFacts done = facts.apply(result);
			context.setRows(done.rows());
			context.setBytes(done.bytes());
			context.setPath(done.path());
			context.setPartitions(done.partitions());
			Map<String, Duration> phases = new LinkedHashMap<>();
			done.phaseNanos().forEach((phase, nanos) -> phases.put(phase, Duration.ofNanos(nanos)));
			context.setPhases(phases);
			if (debug) {
				logger.debug(String.format("copy %s: %d rows, %d bytes (%s, %s, %d partition(s)) in %.3f ms", table,
						context.getRows(), context.getBytes(), atomicity, done.path(), done.partitions(),
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

	private static void log(String operation, String table, String sql, long start, @Nullable RuntimeException error) {
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
