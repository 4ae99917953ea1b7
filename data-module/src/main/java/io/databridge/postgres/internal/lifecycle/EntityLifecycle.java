package io.databridge.postgres.internal.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mapping.callback.EntityCallbacks;

/**
 * The entity callbacks and the event publisher of one template, either of which may be
 * absent. With neither, every method returns its argument untouched at the cost of two
 * volatile reads, so a template outside an application context pays nothing. Thread-safe;
 * the two collaborators are set once while the application context starts.
 *
 * <p>
 * Reads are the hot path, so the load hooks are decided once per entity type
 * ({@link LoadHooks}): when callbacks and publisher both come from an application context
 * ({@link #setApplicationContext}) and that context has been refreshed, the first read of
 * a type asks the context whether any {@code AfterConvertCallback} bean or
 * {@link AfterLoadEvent} listener can apply to it, and keeps the answer until the next
 * refresh. With neither, reads of that type run no lookup and publish nothing. Before the
 * refresh, and for callbacks or publishers set one by one, every read runs the full path.
 */
public final class EntityLifecycle {

	private volatile @Nullable EntityCallbacks callbacks;

	private volatile @Nullable ApplicationEventPublisher publisher;

	private volatile @Nullable LoadHooksResolver resolver;

	private final Map<Class<?>, LoadHooks> loadHooks = new ConcurrentHashMap<>();

	/** Sets the callbacks to run, or {@code null} for none. */
	public void setEntityCallbacks(@Nullable EntityCallbacks callbacks) {
		this.callbacks = callbacks;
		forgetContext();
	}

	/** Sets the publisher of entity events, or {@code null} for none. */
	public void setApplicationEventPublisher(@Nullable ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		forgetContext();
	}

	/**
	 * Takes the callbacks (every {@code EntityCallback} bean) and the event publisher
	 * from an application context, and from its refresh on decides the load hooks once
	 * per entity type.
	 */
	public void setApplicationContext(ApplicationContext context) {
		this.callbacks = EntityCallbacks.create(context);
		this.publisher = context;
		LoadHooksResolver created = new LoadHooksResolver(context, this.loadHooks);
		this.loadHooks.clear();
		this.resolver = created;
		if (context instanceof ConfigurableApplicationContext configurable) {
			configurable.addApplicationListener(created);
		}
	}

	private void forgetContext() {
		this.resolver = null;
		this.loadHooks.clear();
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
	 * each entity of a type, skipping what {@link #loadHooks(Class)} rules out.
	 * @param type the entity type the rows were read as
	 * @param entities the entities
	 * @return the entities the callbacks returned, in order (the same list when nothing
	 * is registered)
	 */
	public <T> List<T> afterLoad(Class<T> type, List<T> entities) {
		if (entities.isEmpty()) {
			return entities;
		}
		LoadHooks hooks = loadHooks(type);
		if (!hooks.any()) {
			return entities;
		}
		List<T> result = new java.util.ArrayList<>(entities.size());
		for (T entity : entities) {
			T converted = hooks.callbacks() ? callback(AfterConvertCallback.class, entity) : entity;
			if (hooks.events()) {
				publish(converted, (t, e) -> new AfterLoadEvent<>(t, e));
			}
			result.add(converted);
		}
		return result;
	}

	/**
	 * Which load hooks can apply to entities of a type: decided once per type after the
	 * application context's refresh, otherwise whatever is set.
	 */
	public LoadHooks loadHooks(Class<?> type) {
		LoadHooksResolver decider = this.resolver;
		if (decider == null || !decider.isRefreshed()) {
			return new LoadHooks(this.callbacks != null, this.publisher != null);
		}
		LoadHooks hooks = this.loadHooks.get(type);
		if (hooks == null) {
			hooks = this.loadHooks.computeIfAbsent(type, decider::decide);
		}
		return hooks;
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
