package io.databridge.postgres.internal.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.databridge.postgres.mapping.NamingStrategy;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.ClassUtils;

/**
 * Spring Data mapping context for data-bridge: builds {@link PgPersistentEntity} metadata
 * once per type and keeps it. Thread-safe after initialization, like every Spring Data
 * mapping context.
 */
public class PgMappingContext extends AbstractMappingContext<PgPersistentEntity<?>, PgPersistentProperty> {

	private static final String JSON_NODE = "tools.jackson.databind.JsonNode";

	/**
	 * Types stored in one column, never treated as nested entities (Jackson trees
	 * included when present).
	 */
	public static final SimpleTypeHolder SIMPLE_TYPES = new SimpleTypeHolder(simpleTypes(), true);

	private final NamingStrategy naming;

	private static Set<Class<?>> simpleTypes() {
		Set<Class<?>> types = new HashSet<>(Set.of(BigDecimal.class, BigInteger.class, UUID.class, Instant.class,
				OffsetDateTime.class, LocalDate.class, LocalDateTime.class, LocalTime.class, Duration.class,
				Period.class, byte[].class, org.springframework.data.domain.Vector.class));
		ClassLoader loader = PgMappingContext.class.getClassLoader();
		if (ClassUtils.isPresent(JSON_NODE, loader)) {
			types.add(ClassUtils.resolveClassName(JSON_NODE, loader));
		}
		return types;
	}

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
