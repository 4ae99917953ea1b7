package io.databridge.postgres.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called before an entity is deleted through {@code delete(entity)} or
 * {@code deleteAll(entities)}; deletes by id have no entity and skip it. The returned
 * entity's id (and version) is what gets deleted. Register implementations as beans; they
 * are called for entities of their type argument, in
 * {@link org.springframework.core.Ordered} order, on the calling thread.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeDeleteCallback<T> extends EntityCallback<T> {

	/**
	 * Called with the entity.
	 * @param entity the entity, never {@code null}
	 * @return the entity to continue with: the same instance, or a modified copy (for
	 * records); never {@code null}
	 */
	T onBeforeDelete(T entity);

}
