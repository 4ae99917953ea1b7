package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refines the column a property is stored in, for the schema model that {@code PgSchema}
 * compares with the database and writes migrations from. Reading and writing rows ignore
 * it. Without it the column type follows from the Java type ({@code long} is
 * {@code bigint}, {@code String} is {@code text}, ...), the column is {@code NOT NULL}
 * for primitives, ids and properties that are not {@code @Nullable} in a JSpecify
 * {@code @NullMarked} scope, and it has no unique constraint or index.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface ColumnDefinition {

	/**
	 * The PostgreSQL type, such as {@code varchar(320)}, {@code numeric(12,2)} or
	 * {@code text[]}; empty means the Java type's default. It must be one the property's
	 * codec reads and writes.
	 */
	String type() default "";

	/** Whether the column has a single-column unique constraint. */
	boolean unique() default false;

	/** Whether the column has a (non-unique) single-column index. */
	boolean indexed() default false;

	/**
	 * Forces {@code NOT NULL} for a property that would otherwise be nullable (a boxed
	 * type outside a {@code @NullMarked} scope).
	 */
	boolean notNull() default false;

}
