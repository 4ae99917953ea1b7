package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores a Java enum in a PostgreSQL enum type ({@code CREATE TYPE name AS ENUM (...)})
 * whose labels are the constants' names in declaration order. Without it, enum properties
 * are {@code text} columns in the schema model. Values are written and read by name
 * either way; this annotation only matters to {@code PgSchema}, which checks that the
 * type and every label exist and generates the {@code CREATE TYPE} and
 * {@code ALTER TYPE ... ADD VALUE} statements that are missing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PgEnum {

	/**
	 * The type's name, used exactly as given (quoted); empty means the naming strategy's
	 * table name for the enum class ({@code OrderStatus} becomes {@code order_status}).
	 */
	String value() default "";

	/** The type's schema; empty means the connection's {@code search_path}. */
	String schema() default "";

}
