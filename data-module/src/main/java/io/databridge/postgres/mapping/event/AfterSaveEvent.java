package io.databridge.postgres.mapping.event;

/**
 * Published after an entity and its owned collections were written, with the saved state.
 *
 * @param <T> the entity type
 */
public class AfterSaveEvent<T> extends PgMappingEvent<T> {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param type the entity type
	 * @param entity the entity
	 */
	public AfterSaveEvent(Class<T> type, T entity) {
		super(entity, type, entity);
	}

}
