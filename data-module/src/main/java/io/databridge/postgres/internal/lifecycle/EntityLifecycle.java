package io.databridge.postgres.internal.lifecycle;

import java.util.List;

import io.databridge.postgres.mapping.event.AfterConvertCallback;
import io.databridge.postgres.mapping.event.AfterDeleteEvent;
import io.databridge.postgres.mapping.event.AfterLoadEvent;
import io.databridge.postgres.mapping.event.AfterSaveCallback;
import io.databridge.postgres.mapping.event.AfterSaveEvent;
import io.databridge.postgres.mapping.event.BeforeConvertCallback;
import io.databridge.postgres.mapping.event.BeforeDeleteCallback;
import io.databridge.postgres.mapping.event.BeforeSaveCallback;
import io.databridge.postgres.mapping.event.BeforeSaveEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mapping.callback.EntityCallbacks;

/**
 * The entity callbacks and the event publisher of one template, either of which may be
 * absent. With neither, every method returns its argument untouched at the cost of two
 * volatile reads, so a template outside an application context pays nothing. Thread-safe;
 * the two collaborators are set once while the application context starts.
 */
public final class EntityLifecycle {

	private volatile @Nullable EntityCallbacks callbacks;

	private volatile @Nullable ApplicationEventPublisher publisher;

	/** Sets the callbacks to run, or {@code null} for none. */
	public void setEntityCallbacks(@Nullable EntityCallbacks callbacks) {
		this.callbacks = callbacks;
	}

	/** Sets the publisher of entity events, or {@code null} for none. */
	public void setApplicationEventPublisher(@Nullable ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Whether any callback or event can run, so that callers may skip per-entity loops.
	 */
	public boolean isActive() {
		return this.callbacks != null || this.publisher != null;
	}

	/** Runs the {@link BeforeConvertCallback}s (auditing among them). */
	public <T> T beforeConvert(T entity) {
		return callback(BeforeConvertCallback.class, entity);
	}

	/** Runs the {@link BeforeSaveCallback}s, publishes a {@link BeforeSaveEvent}. */
	public <T> T beforeSave(T entity) {
		T result = callback(BeforeSaveCallback.class, entity);
		publish(result, (type, e) -> new BeforeSaveEvent<>(type, e));
		return result;
	}

	/** Runs the {@link AfterSaveCallback}s, publishes an {@link AfterSaveEvent}. */
	public <T> T afterSave(T entity) {
		T result = callback(AfterSaveCallback.class, entity);
		publish(result, (type, e) -> new AfterSaveEvent<>(type, e));
		return result;
	}

	/** Runs the {@link BeforeDeleteCallback}s. */
	public <T> T beforeDelete(T entity) {
		return callback(BeforeDeleteCallback.class, entity);
	}

	/** Publishes an {@link AfterDeleteEvent}. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void afterDelete(Class<?> type, Object id, @Nullable Object entity) {
		ApplicationEventPublisher events = this.publisher;
		if (events != null) {
			events.publishEvent(new AfterDeleteEvent(type, id, entity));
		}
	}

	/**
	 * Runs the {@link AfterConvertCallback}s and publishes an {@link AfterLoadEvent} for
	 * each entity.
	 * @return the entities the callbacks returned, in order (the same list when nothing
	 * is registered)
	 */
	public <T> List<T> afterLoad(List<T> entities) {
		if (!isActive() || entities.isEmpty()) {
			return entities;
		}
		List<T> result = new java.util.ArrayList<>(entities.size());
		for (T entity : entities) {
			T converted = callback(AfterConvertCallback.class, entity);
			publish(converted, (type, e) -> new AfterLoadEvent<>(type, e));
			result.add(converted);
		}
		return result;
	}

	@SuppressWarnings("rawtypes")
	private <T> T callback(Class<? extends org.springframework.data.mapping.callback.EntityCallback> type, T entity) {
		EntityCallbacks registered = this.callbacks;
		return registered == null ? entity : registered.callback(type, entity);
	}

	@SuppressWarnings("unchecked")
	private <T> void publish(T entity, EventFactory factory) {
		ApplicationEventPublisher events = this.publisher;
		if (events != null) {
			events.publishEvent(factory.create((Class<Object>) entity.getClass(), entity));
		}
	}

	@FunctionalInterface
	private interface EventFactory {

		Object create(Class<Object> type, Object entity);

	}

}
