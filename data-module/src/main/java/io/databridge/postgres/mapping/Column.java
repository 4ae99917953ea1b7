package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Names the column a property is stored in. Without it the {@link NamingStrategy} derives
 * the name from the property name ({@code createdAt} becomes {@code created_at}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface Column {

	/** The column name, used exactly as given (it is quoted in SQL). */
	@AliasFor("name")
	String value() default "";

	/** Alias for {@link #value()}. */
	@AliasFor("value")
	String name() default "";

}
