package io.databridge.postgres.mapping.event;

/**
 * Published for each entity read from the database, after the after-convert callbacks.
 *
 * @param <T> the entity type
 */
public class AfterLoadEvent<T> extends PgMappingEvent<T> {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param type the entity type
	 * @param entity the entity
	 */
	public AfterLoadEvent(Class<T> type, T entity) {
		super(entity, type, entity);
	}

}
