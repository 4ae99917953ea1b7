package io.databridge.postgres.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called first when an entity is saved (inserted or updated), before its values are read
 * for SQL; auditing fills its fields here. Register implementations as beans; they are
 * called for entities of their type argument, in {@link org.springframework.core.Ordered}
 * order, on the calling thread.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeConvertCallback<T> extends EntityCallback<T> {

	/**
	 * Called with the entity.
	 * @param entity the entity, never {@code null}
	 * @return the entity to continue with: the same instance, or a modified copy (for
	 * records); never {@code null}
	 */
	T onBeforeConvert(T entity);

}
