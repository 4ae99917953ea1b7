package io.databridge.postgres.mapping.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called after an entity (and its owned collections) has been written, with the saved
 * state: generated id and new version set. Register implementations as beans; they are
 * called for entities of their type argument, in {@link org.springframework.core.Ordered}
 * order, on the calling thread.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface AfterSaveCallback<T> extends EntityCallback<T> {

	/**
	 * Called with the entity.
	 * @param entity the entity, never {@code null}
	 * @return the entity to continue with: the same instance, or a modified copy (for
	 * records); never {@code null}
	 */
	T onAfterSave(T entity);

}
