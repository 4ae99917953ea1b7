package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property stored as a {@code jsonb} document: its value (a record, a POJO, a
 * {@code Map} or a {@code List}) is written and read with Jackson, using the
 * application's JSON mapper when one exists. The column may be {@code jsonb} or
 * {@code json}. A {@code String} property holds the document's JSON text as it is (no
 * Jackson involved). Without this annotation, Jackson trees ({@code JsonNode}) and
 * {@code Map}s are stored as {@code jsonb} anyway, while a {@code List} is a PostgreSQL
 * array.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface Jsonb {

}
