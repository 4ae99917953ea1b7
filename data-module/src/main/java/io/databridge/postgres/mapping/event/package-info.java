/**
 * Lifecycle hooks of mapped entities: Spring Data entity callbacks (beans implementing
 * these interfaces, called in {@link org.springframework.core.Ordered order} and able to
 * return a modified copy) and application events published for listeners. Auditing plugs
 * in here as a {@link io.databridge.postgres.mapping.event.BeforeConvertCallback}.
 *
 * <p>
 * Order on save: {@code BeforeConvertCallback}, {@code BeforeSaveCallback},
 * {@link io.databridge.postgres.mapping.event.BeforeSaveEvent}, the SQL,
 * {@code AfterSaveCallback}, {@link io.databridge.postgres.mapping.event.AfterSaveEvent}.
 * On load: {@code AfterConvertCallback}, then
 * {@link io.databridge.postgres.mapping.event.AfterLoadEvent}. On delete:
 * {@code BeforeDeleteCallback} (when the entity is known), the SQL, then
 * {@link io.databridge.postgres.mapping.event.AfterDeleteEvent}.
 */
@NullMarked
package io.databridge.postgres.mapping.event;

import org.jspecify.annotations.NullMarked;
