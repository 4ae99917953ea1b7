package io.databridge.postgres.mapping;

/**
 * The value codecs of data-bridge: how every Java type is bound as a parameter, read from
 * a column and encoded for binary COPY, built from the built-in PostgreSQL mappings, the
 * application's {@link PgConverters} and, for JSON, its Jackson mapper. This interface
 * lets the codecs be passed to a {@code PgTemplate} (and be a bean) without naming the
 * implementation, which data-bridge provides: the auto-configuration creates it, and
 * {@code PgTemplate}'s other constructors create their own. Implementations are
 * thread-safe.
 */
public interface PgCodecs {

	/** The application's converters these codecs apply. */
	PgConverters converters();

	/**
	 * Whether values of a type have a codec of their own (built in, an enum, or
	 * registered), so they can be bound as query arguments.
	 */
	boolean supports(Class<?> type);

}
