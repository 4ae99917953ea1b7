package io.databridge.postgres.mapping.event;

import org.jspecify.annotations.Nullable;

/**
 * Published after a row (and its owned collections) was deleted by id or as an entity.
 * Deletes of a whole table ({@code deleteAll(type)}) publish nothing.
 *
 * @param <T> the entity type
 */
public class AfterDeleteEvent<T> extends PgMappingEvent<T> {

	private static final long serialVersionUID = 1L;

	private final Object id;

	/**
	 * Creates the event.
	 * @param type the entity type
	 * @param id the deleted id
	 * @param entity the deleted entity, or {@code null} for a delete by id
	 */
	public AfterDeleteEvent(Class<T> type, Object id, @Nullable T entity) {
		super(entity != null ? entity : id, type, entity);
		this.id = id;
	}

	/** The deleted id. */
	public Object getId() {
		return this.id;
	}

}
