package io.databridge.postgres.bulk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method as a bulk insert over binary {@code COPY}. The method takes
 * one argument, a {@code Collection}, {@code List}, {@code Iterable} or {@code Stream} of
 * entities, and returns the number of rows written ({@code long}, {@code int}, their
 * wrappers, or {@code void}), or a {@code List} of the ids of the rows written, in input
 * order.
 *
 * <pre>{@code
 * &#64;BulkInsert long importUsers(List<User> users);
 *

&#64;BulkInsert(onConflict = OnConflict.UPDATE) long upsertUsers(Stream<User> users);
 * }</pre>
 *
 * <p>
 * Entities with a {@code null} id get one from the table's identity or sequence; either
 * all entities of one call carry ids or none do. Attributes left at their defaults take
 * the values of {@link BulkSettings} ({@code databridge.pg.bulk.*}). The insert joins the
 * caller's transaction when there is one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BulkInsert {

	/** What to do with rows whose key already exists. */
	OnConflict onConflict() default OnConflict.ERROR;

	/**
	 * The properties (Java names) of the unique key that {@link #onConflict()} refers to;
	 * empty means any unique constraint for {@link OnConflict#IGNORE} and the id for
	 * {@link OnConflict#UPDATE}, unless {@link #conflictConstraint()} is set.
	 */
	String[] conflictTarget() default {};

	/**
	 * The name of the unique constraint that {@link #onConflict()} refers to; empty for
	 * none.
	 */
	String conflictConstraint() default "";

	/** Number of concurrent partitions; 0 takes {@link BulkSettings#getParallelism()}. */
	int parallelism() default 0;

	/**
	 * Row count from which the insert runs in parallel; -1 takes
	 * {@link BulkSettings#getParallelThreshold()}.
	 */
	int parallelThreshold() default -1;

	/**
	 * What the insert promises readers and after a crash; {@link Atomicity#DEFAULT} takes
	 * {@link BulkSettings#getAtomicity()} (one transaction unless configured otherwise).
	 */
	Atomicity atomicity() default Atomicity.DEFAULT;

}
