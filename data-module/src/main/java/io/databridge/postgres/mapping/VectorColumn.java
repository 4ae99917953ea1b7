package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code float[]} property stored in a pgvector {@code vector(n)} column rather
 * than a {@code real[]} array. A property of Spring Data's
 * {@link org.springframework.data.domain.Vector} type is a {@code vector} without this
 * annotation. Values are checked against the column's dimension at the first write; a
 * vector of another size fails before anything is sent, naming the property.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface VectorColumn {

}
