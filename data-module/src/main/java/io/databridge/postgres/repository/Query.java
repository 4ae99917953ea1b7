package io.databridge.postgres.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.data.annotation.QueryAnnotation;

/**
 * Declares the native PostgreSQL SQL of a repository method. Parameters are bound, never
 * interpolated: by name ({@code :city}, matching a parameter name or {@code @Param}) or
 * by position ({@code ?1}).
 */
@Documented
@QueryAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface Query {

	/** The SQL. */
	String value();

}
