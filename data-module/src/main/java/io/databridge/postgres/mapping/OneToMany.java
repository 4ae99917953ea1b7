package io.databridge.postgres.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an owned one-to-many collection and names its foreign-key column. A
 * {@code List<Child>} or {@code Set<Child>} property is such a collection when it carries
 * this annotation, or when its element type is annotated with {@link Table}; other
 * collections (of scalars, of converted types) are stored in one array column. A
 * collection's rows live in the child's table, with a column holding the owner's id;
 * unless {@link #foreignKey()} names it, that column is the owner's table name followed
 * by {@code _id} ({@code shop_order} gives {@code shop_order_id}).
 *
 * <p>
 * Children belong to their owner: they are inserted with it, replaced on every update
 * (all rows of the owner are deleted, then the current children inserted) and deleted
 * with it. Lists load in the order of the child's id column when the child has an
 * {@code @Id}, otherwise in no defined order. Collections nest one level only: a child
 * cannot own collections itself. The module never creates tables; the column must exist.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE, ElementType.RECORD_COMPONENT })
public @interface OneToMany {

	/**
	 * The child table's column holding the owner's id; empty means owner table name +
	 * {@code _id}.
	 */
	String foreignKey() default "";

}
