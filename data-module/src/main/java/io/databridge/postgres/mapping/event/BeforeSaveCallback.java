package io.databridge.postgres.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called when an entity is about to be written, after {@link BeforeConvertCallback} and
 * before the {@link BeforeSaveEvent}. Register implementations as beans; they are called
 * for entities of their type argument, in {@link org.springframework.core.Ordered} order,
 * on the calling thread.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called with the entity.
	 * @param entity the entity, never {@code null}
	 * @return the entity to continue with: the same instance, or a modified copy (for
	 * records); never {@code null}
	 */
	T onBeforeSave(T entity);

}
