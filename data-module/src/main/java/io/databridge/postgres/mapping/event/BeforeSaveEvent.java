package io.databridge.postgres.mapping.event;

/**
 * Published before an entity is written, after the before-save callbacks.
 *
 * @param <T> the entity type
 */
public class BeforeSaveEvent<T> extends PgMappingEvent<T> {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the event.
	 * @param type the entity type
	 * @param entity the entity
	 */
	public BeforeSaveEvent(Class<T> type, T entity) {
		super(entity, type, entity);
	}

}
