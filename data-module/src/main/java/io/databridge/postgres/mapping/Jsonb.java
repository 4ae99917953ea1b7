package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property stored as a {@code jsonb} document: its value (a record, a POJO, a {@code Map}
 * or a {@code List}) is written and read with Jackson, using the application's JSON mapper when
 * one exists.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface Jsonb {
}
