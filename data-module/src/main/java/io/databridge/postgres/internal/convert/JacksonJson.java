package io.databridge.postgres.internal.convert;

import java.lang.reflect.Type;
import java.util.Map;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that touches Jackson's types, so that {@link ValueCodecs} loads without
 * Jackson on the class path: it makes {@link JsonCodec}s from an {@link ObjectMapper}.
 */
final class JacksonJson {

	/**
	 * Nesting read back at least: Jackson's default write limit (deeper documents fail on
	 * write, naming the column).
	 */
	private static final int MIN_READ_DEPTH = 1000;

	private final ObjectMapper mapper;

	private final ObjectMapper lenientReader;

	JacksonJson(ObjectMapper mapper) {
		this.mapper = mapper;
		this.lenientReader = lenientReader(mapper);
	}

	/**
	 * A mapper that parses what PostgreSQL stores: names, strings and numbers of any
	 * length (jsonb's own limits are far above Jackson's read defaults of 50,000
	 * characters per name and 1,000 digits per number) and at least as deep as the
	 * application's mapper writes.
	 */
	private static ObjectMapper lenientReader(ObjectMapper mapper) {
		int depth = Math.max(MIN_READ_DEPTH, mapper.tokenStreamFactory().streamWriteConstraints().getMaxNestingDepth());
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxNameLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNumberLength(Integer.MAX_VALUE)
			.maxDocumentLength(-1)
			.maxTokenCount(-1)
			.maxNestingDepth(depth)
			.build();
		return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
	}

	/**
	 * A plain {@link JsonMapper} (Jackson 3 handles records and {@code java.time} out of
	 * the box).
	 */
	static JacksonJson createDefault() {
		return new JacksonJson(JsonMapper.builder().build());
	}

	/** A {@code jsonb} codec for a (possibly generic) Java type. */
	JsonCodec codec(Type type) {
		return new JsonCodec(this.mapper, this.lenientReader, this.mapper.getTypeFactory().constructType(type), true);
	}

	/** Whether values of a type are JSON documents by nature: Jackson trees and maps. */
	static boolean isJsonByNature(Class<?> type) {
		return JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
	}

}
