package io.databridge.postgres.internal.repository.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;

/**
 * Shapes query results for the declared return type through Spring Data's
 * {@link ResultProcessor}: interface projections are proxies over the entity, DTOs are
 * instantiated from the entity's properties by a {@link DtoInstantiatingConverter} kept
 * per DTO class (classes come from code, so the map stays small). Thread-safe; one per
 * repository factory.
 */
public final class ResultConverter {

	private final MappingContext<?, ?> mappingContext;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final Map<Class<?>, Converter<Object, Object>> dtoConverters = new ConcurrentHashMap<>();

	private final Function<Class<?>, RowCompletion> completions;

	/**
	 * Creates a converter over the mapping metadata that leaves read entities as they
	 * are.
	 */
	public ResultConverter(MappingContext<?, ?> mappingContext) {
		this(mappingContext, type -> RowCompletion.NONE);
	}

	/**
	 * Creates a converter over the mapping metadata.
	 * @param completions per entity type, how the entities queries read are completed
	 */
	public ResultConverter(MappingContext<?, ?> mappingContext, Function<Class<?>, RowCompletion> completions) {
		this.mappingContext = mappingContext;
		this.completions = completions;
	}

	/** How read entities of a type are completed (collections, references, callbacks). */
	public RowCompletion completion(Class<?> domainType) {
		return this.completions.apply(domainType);
	}

	/**
	 * Processes a result (entity, collection, stream, page, slice or window) of a query.
	 */
	@Nullable Object process(ResultProcessor processor, @Nullable Object source) {
		ReturnedType returned = processor.getReturnedType();
		if (source == null || !returned.isDtoProjection()) {
			return processor.processResult(source);
		}
		Class<?> domainType = returned.getDomainType();
		Converter<Object, Object> dto = this.dtoConverters.computeIfAbsent(returned.getReturnedType(),
				type -> new DtoInstantiatingConverter(type, this.mappingContext, this.instantiators));
		// rows of native queries may already be DTOs; only entities are converted
		Converter<Object, Object> converter = value -> domainType.isInstance(value) ? dto.convert(value) : value;
		return processor.processResult(source, converter);
	}

}
