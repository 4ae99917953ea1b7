package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Names the table an entity is stored in. Without it the {@link NamingStrategy} derives
 * the name from the simple class name ({@code UserAccount} becomes {@code user_account}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {

	/** The table name, used exactly as given (it is quoted in SQL). */
	@AliasFor("name")
	String value() default "";

	/** Alias for {@link #value()}. */
	@AliasFor("value")
	String name() default "";

	/** The schema; empty means the connection's {@code search_path}. */
	String schema() default "";

}
