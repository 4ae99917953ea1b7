package io.databridge.postgres.internal.convert;

import java.lang.reflect.Type;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that touches Jackson's types, so that {@link ValueCodecs} loads without
 * Jackson on the class path: it makes {@link JsonCodec}s from an {@link ObjectMapper}.
 */
final class JacksonJson {

	private final ObjectMapper mapper;

	JacksonJson(ObjectMapper mapper) {
		this.mapper = mapper;
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
		return new JsonCodec(this.mapper, this.mapper.getTypeFactory().constructType(type), true);
	}

	/** Whether values of a type are JSON documents by nature: Jackson trees and maps. */
	static boolean isJsonByNature(Class<?> type) {
		return JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
	}

}
