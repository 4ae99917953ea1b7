package io.databridge.postgres.mapping.event;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Base of data-bridge's entity events. Generic listeners are matched by entity type, so
 * {@code @EventListener void on(AfterSaveEvent<Order> e)} only sees orders. Immutable.
 *
 * @param <T> the entity type
 */
public abstract class PgMappingEvent<T> extends ApplicationEvent implements ResolvableTypeProvider {

	private static final long serialVersionUID = 1L;

	private final Class<T> type;

	private final @Nullable T entity;

	/**
	 * Creates an event.
	 * @param source the entity, or the id when there is no entity
	 * @param type the entity type
	 * @param entity the entity, or {@code null} (deletes by id)
	 */
	protected PgMappingEvent(Object source, Class<T> type, @Nullable T entity) {
		super(source);
		this.type = type;
		this.entity = entity;
	}

	/** The entity type. */
	public Class<T> getType() {
		return this.type;
	}

	/** The entity, or {@code null} for an event about a delete by id. */
	public @Nullable T getEntity() {
		return this.entity;
	}

	@Override
	public ResolvableType getResolvableType() {
		return ResolvableType.forClassWithGenerics(getClass(), this.type);
	}

}
