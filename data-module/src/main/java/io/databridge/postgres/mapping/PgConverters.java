package io.databridge.postgres.mapping;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.CustomConversions;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.util.Assert;

/**
 * The application's Spring {@link Converter}s for types data-bridge does not map itself.
 * A <em>writing</em> converter turns a property's type into a type that has a built-in
 * mapping (say {@code Money} into {@code BigDecimal}), a <em>reading</em> converter turns
 * that type back. They are applied on every path: statement parameters, rows read, and
 * binary COPY, which writes through the target type's encoding. A property needs both
 * directions; a query argument only the writing one.
 *
 * <p>
 * Declare one bean of this type and the auto-configuration hands it to data-bridge:
 * <pre class="code">
 * &#64;Bean
 * PgConverters pgConverters() {
 *     return PgConverters.builder()
 *         .writing(Money.class, BigDecimal.class, Money::amount)
 *         .reading(BigDecimal.class, Money.class, Money::new)
 *         .build();
 * }
 * </pre> Converter classes (not lambdas) may also be passed to {@link #of(Converter[])}:
 * the direction is read from {@link WritingConverter @WritingConverter} /
 * {@link ReadingConverter @ReadingConverter}, or else inferred from which side is a type
 * data-bridge stores natively.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class PgConverters {

	private static final PgConverters NONE = new PgConverters(Map.of(), Map.of());

	private final Map<Class<?>, Conversion> writing;

	private final Map<Class<?>, Conversion> reading;

	private PgConverters(Map<Class<?>, Conversion> writing, Map<Class<?>, Conversion> reading) {
		this.writing = Map.copyOf(writing);
		this.reading = Map.copyOf(reading);
	}

	/** No converters. */
	public static PgConverters none() {
		return NONE;
	}

	/**
	 * Registers converter classes, inferring each one's types from its generic signature.
	 * @throws IllegalArgumentException for a lambda (its types cannot be resolved: use
	 * {@link #builder()}), a direction that cannot be told, or two converters for the
	 * same type
	 */
	public static PgConverters of(Converter<?, ?>... converters) {
		return of(List.of(converters));
	}

	/**
	 * Registers converter classes, as {@link #of(Converter[])}.
	 * @param converters the converters, not {@code null}
	 */
	public static PgConverters of(Collection<? extends Converter<?, ?>> converters) {
		Builder builder = builder();
		converters.forEach(builder::add);
		return builder.build();
	}

	/**
	 * The converters of a Spring Data {@link CustomConversions} (a
	 * {@code JdbcCustomConversions} bean, say): each one between a type data-bridge
	 * stores in one column and one it does not, as a writing converter (towards the
	 * stored type) or a reading one (from it). Converters between two stored types, such
	 * as Spring Data's defaults for {@code java.time}, are left out: data-bridge maps
	 * those itself.
	 * @param conversions the conversions, not {@code null}
	 * @throws IllegalArgumentException for a converter whose types cannot be resolved, or
	 * two converters for the same type
	 */
	public static PgConverters from(CustomConversions conversions) {
		Assert.notNull(conversions, "CustomConversions must not be null");
		return ConversionCollector.collect(conversions);
	}

	/**
	 * These converters and another set's.
	 * @throws IllegalArgumentException when both have a converter for the same type and
	 * direction
	 */
	public PgConverters and(PgConverters other) {
		Assert.notNull(other, "Converters must not be null");
		if (other.isEmpty()) {
			return this;
		}
		Builder builder = new Builder();
		for (PgConverters converters : List.of(this, other)) {
			converters.writing.forEach((type, c) -> Builder.put(builder.writing, type, c, "writing"));
			converters.reading.forEach((type, c) -> Builder.put(builder.reading, type, c, "reading"));
		}
		return builder.build();
	}

	/** A builder for converters given with explicit types (lambdas welcome). */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The type values of {@code javaType} are written as, or {@code null} when no writing
	 * converter is registered for it.
	 */
	public @Nullable Class<?> storeType(Class<?> javaType) {
		Conversion conversion = this.writing.get(javaType);
		return conversion == null ? null : conversion.target();
	}

	/** The writing converter for values of {@code javaType}, or {@code null}. */
	public @Nullable Converter<Object, Object> writer(Class<?> javaType) {
		Conversion conversion = this.writing.get(javaType);
		return conversion == null ? null : conversion.converter();
	}

	/**
	 * The reading converter that produces {@code javaType}, or {@code null}.
	 * @see #readerSource(Class)
	 */
	public @Nullable Converter<Object, Object> reader(Class<?> javaType) {
		Conversion conversion = this.reading.get(javaType);
		return conversion == null ? null : conversion.converter();
	}

	/**
	 * The type the reading converter for {@code javaType} reads from, or {@code null}.
	 */
	public @Nullable Class<?> readerSource(Class<?> javaType) {
		Conversion conversion = this.reading.get(javaType);
		return conversion == null ? null : conversion.source();
	}

	/** Whether no converter is registered. */
	public boolean isEmpty() {
		return this.writing.isEmpty() && this.reading.isEmpty();
	}

	@Override
	public String toString() {
		return "PgConverters[writing " + this.writing.values() + ", reading " + this.reading.values() + "]";
	}

	/** Whether data-bridge stores values of a type in one column by itself. */
	static boolean isStored(Class<?> type) {
		return PgSimpleTypes.HOLDER.isSimpleType(type) && type != Object.class;
	}

	private record Conversion(Class<?> source, Class<?> target, Converter<Object, Object> converter) {

		@Override
		public String toString() {
			return this.source.getSimpleName() + " -> " + this.target.getSimpleName();
		}
	}

	/** Collects converters; not thread-safe, {@link #build()} once. */
	public static final class Builder {

		private final Map<Class<?>, Conversion> writing = new HashMap<>();

		private final Map<Class<?>, Conversion> reading = new HashMap<>();

		private Builder() {
		}

		/**
		 * Adds a writing converter: values of {@code source} are stored as
		 * {@code target}.
		 * @throws IllegalArgumentException when {@code source} already has one
		 */
		public <S, T> Builder writing(Class<S> source, Class<T> target, Converter<S, T> converter) {
			put(this.writing, source, new Conversion(source, target, erase(converter)), "writing");
			return this;
		}

		/**
		 * Adds a reading converter: stored values of {@code source} are read as
		 * {@code target}.
		 * @throws IllegalArgumentException when {@code target} already has one
		 */
		public <S, T> Builder reading(Class<S> source, Class<T> target, Converter<S, T> converter) {
			put(this.reading, target, new Conversion(source, target, erase(converter)), "reading");
			return this;
		}

		/**
		 * Adds a converter class, its types and direction inferred as described on
		 * {@link PgConverters}.
		 * @throws IllegalArgumentException when they cannot be
		 */
		public Builder add(Converter<?, ?> converter) {
			Assert.notNull(converter, "Converter must not be null");
			Class<?>[] types = GenericTypeResolver.resolveTypeArguments(converter.getClass(), Converter.class);
			if (types == null || types[0] == null || types[1] == null) {
				throw new IllegalArgumentException("Cannot resolve the source and target types of " + converter
						+ " (a lambda?); register it with PgConverters.builder().writing(...) or .reading(...)");
			}
			boolean writes = converter.getClass().isAnnotationPresent(WritingConverter.class);
			boolean reads = converter.getClass().isAnnotationPresent(ReadingConverter.class);
			if (!writes && !reads) {
				boolean sourceStored = PgConverters.isStored(types[0]);
				boolean targetStored = PgConverters.isStored(types[1]);
				if (sourceStored == targetStored) {
					throw new IllegalArgumentException("Cannot tell whether " + converter.getClass().getName() + " ("
							+ types[0].getName() + " -> " + types[1].getName() + ") reads or writes: annotate it with "
							+ "@WritingConverter or @ReadingConverter");
				}
				writes = targetStored;
				reads = sourceStored;
			}
			Conversion conversion = new Conversion(types[0], types[1], erase(converter));
			if (writes) {
				put(this.writing, types[0], conversion, "writing");
			}
			if (reads) {
				put(this.reading, types[1], conversion, "reading");
			}
			return this;
		}

		/** The converters added so far. */
		public PgConverters build() {
			return new PgConverters(this.writing, this.reading);
		}

		private static void put(Map<Class<?>, Conversion> map, Class<?> key, Conversion conversion, String kind) {
			Assert.notNull(conversion.converter(), "Converter must not be null");
			Conversion previous = map.putIfAbsent(key, conversion);
			if (previous != null) {
				throw new IllegalArgumentException(
						"Two " + kind + " converters for " + key.getName() + ": " + previous + " and " + conversion);
			}
		}

		@SuppressWarnings("unchecked")
		private static Converter<Object, Object> erase(Converter<?, ?> converter) {
			return (Converter<Object, Object>) converter;
		}

	}

}
