package io.databridge.postgres.mapping;

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

import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.ClassUtils;

/**
 * The types data-bridge stores in one column and never treats as nested entities: Spring
 * Data's defaults plus numbers, {@code java.time} types, {@link UUID}, {@code byte[]}
 * and, when Jackson is on the class path, its {@code JsonNode}. {@link PgConverters} uses
 * them to tell a writing converter from a reading one.
 */
public final class PgSimpleTypes {

	private static final String JSON_NODE = "tools.jackson.databind.JsonNode";

	/** The holder of those types, shared and immutable. */
	public static final SimpleTypeHolder HOLDER = new SimpleTypeHolder(types(), true);

	private PgSimpleTypes() {
	}

	private static Set<Class<?>> types() {
		Set<Class<?>> types = new HashSet<>(Set.of(BigDecimal.class, BigInteger.class, UUID.class, Instant.class,
				OffsetDateTime.class, LocalDate.class, LocalDateTime.class, LocalTime.class, Duration.class,
				Period.class, byte[].class));
		ClassLoader loader = PgSimpleTypes.class.getClassLoader();
		if (ClassUtils.isPresent(JSON_NODE, loader)) {
			types.add(ClassUtils.resolveClassName(JSON_NODE, loader));
		}
		return types;
	}

}
