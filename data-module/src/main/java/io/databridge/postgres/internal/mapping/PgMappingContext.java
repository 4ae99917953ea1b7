package io.databridge.postgres.internal.mapping;

import io.databridge.postgres.mapping.NamingStrategy;
import io.databridge.postgres.mapping.PgSimpleTypes;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * Spring Data mapping context for data-bridge: builds {@link PgPersistentEntity} metadata
 * once per type and keeps it. Thread-safe after initialization, like every Spring Data
 * mapping context.
 */
public class PgMappingContext extends AbstractMappingContext<PgPersistentEntity<?>, PgPersistentProperty> {

	/** The types stored in one column ({@link PgSimpleTypes#HOLDER}). */
	public static final SimpleTypeHolder SIMPLE_TYPES = PgSimpleTypes.HOLDER;

	private final NamingStrategy naming;

	/** Creates a context with snake_case naming. */
	public PgMappingContext() {
		this(NamingStrategy.SNAKE_CASE);
	}

	/** Creates a context with the given naming strategy. */
	public PgMappingContext(NamingStrategy naming) {
		this.naming = naming;
		setSimpleTypeHolder(SIMPLE_TYPES);
	}

	/** The naming strategy used for names that are not annotated. */
	public NamingStrategy namingStrategy() {
		return this.naming;
	}

	/**
	 * Returns the entity for a type, building it on first use.
	 * @param type an entity class
	 * @return its metadata, never {@code null}
	 */
	@SuppressWarnings("unchecked")
	public <T> PgPersistentEntity<T> entity(Class<T> type) {
		return (PgPersistentEntity<T>) getRequiredPersistentEntity(type);
	}

	@Override
	protected <T> PgPersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
		return new PgPersistentEntity<>(typeInformation, this.naming);
	}

	@Override
	protected PgPersistentProperty createPersistentProperty(Property property, PgPersistentEntity<?> owner,
			SimpleTypeHolder simpleTypeHolder) {
		return new PgPersistentProperty(property, owner, simpleTypeHolder, this.naming,
				type -> entity(type).requireId().getType());
	}

}
