package io.databridge.postgres.mapping;

import java.util.Set;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.core.convert.converter.ConverterRegistry;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.converter.GenericConverter.ConvertiblePair;
import org.springframework.data.convert.CustomConversions;

/**
 * Reads the converters of a Spring Data {@link CustomConversions} into
 * {@link PgConverters}: it is the {@link ConverterRegistry} the conversions register
 * themselves in. A converter between a type data-bridge stores in one column and one it
 * does not becomes a writing (towards the stored type) or reading (from it) converter;
 * converters between two stored types (Spring Data's defaults for {@code java.time}, say)
 * and converter factories are left out, because data-bridge maps those types itself. Not
 * thread-safe; used once.
 */
final class ConversionCollector implements ConverterRegistry {

	private final PgConverters.Builder builder = PgConverters.builder();

	static PgConverters collect(CustomConversions conversions) {
		ConversionCollector collector = new ConversionCollector();
		conversions.registerConvertersIn(collector);
		return collector.builder.build();
	}

	@Override
	public void addConverter(Converter<?, ?> converter) {
		Class<?>[] types = GenericTypeResolver.resolveTypeArguments(converter.getClass(), Converter.class);
		if (types == null || types[0] == null || types[1] == null) {
			throw new IllegalArgumentException("Cannot resolve the source and target types of " + converter
					+ " in the CustomConversions (a lambda?); register it with PgConverters.builder() instead");
		}
		add(types[0], types[1], converter);
	}

	@Override
	public <S, T> void addConverter(Class<S> sourceType, Class<T> targetType,
			Converter<? super S, ? extends T> converter) {
		add(sourceType, targetType, converter);
	}

	@Override
	public void addConverter(GenericConverter converter) {
		Set<ConvertiblePair> pairs = converter.getConvertibleTypes();
		if (pairs == null) {
			return;
		}
		for (ConvertiblePair pair : pairs) {
			TypeDescriptor source = TypeDescriptor.valueOf(pair.getSourceType());
			TypeDescriptor target = TypeDescriptor.valueOf(pair.getTargetType());
			Converter<Object, Object> adapted = (value) -> converter.convert(value, source, target);
			add(pair.getSourceType(), pair.getTargetType(), adapted);
		}
	}

	@Override
	public void addConverterFactory(ConverterFactory<?, ?> factory) {
		// factories convert to whole type families (String to any enum): data-bridge maps
		// those
	}

	@Override
	public void removeConvertible(Class<?> sourceType, Class<?> targetType) {
		// nothing is registered yet when the conversions register themselves
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void add(Class<?> source, Class<?> target, Converter<?, ?> converter) {
		boolean sourceStored = PgConverters.isStored(source);
		boolean targetStored = PgConverters.isStored(target);
		if (!sourceStored && targetStored) {
			this.builder.writing((Class) source, (Class) target, (Converter) converter);
		}
		else if (sourceStored && !targetStored) {
			this.builder.reading((Class) source, (Class) target, (Converter) converter);
		}
	}

}
