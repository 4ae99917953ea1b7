package io.databridge.postgres.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Forces the primary for a repository read that would otherwise go to a read replica: for
 * one method, or for every method when placed on the repository interface. Use it for
 * reads that must see the caller's own recent writes made outside a transaction.
 * <p>
 * Inside a read-only transaction the transaction's connection is taken at its first
 * statement; a {@code @PrimaryRead} method that runs that statement puts the whole
 * transaction on the primary. Service code without repositories uses
 * {@link ReadRouting#onPrimary(java.util.function.Supplier)}. Without configured replicas
 * the annotation has no effect.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface PrimaryRead {

}
