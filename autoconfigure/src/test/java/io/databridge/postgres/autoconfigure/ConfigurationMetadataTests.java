package io.databridge.postgres.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code databridge.pg.*} property reaches the IDE with a description.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescription() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
			assertThat(properties).isNotEmpty();
			assertThat(properties).allSatisfy(property -> {
				// the databridge Actuator endpoint brings Boot's own endpoint properties
				assertThat((String) property.get("name"))
					.matches("databridge\\.pg\\..*|management\\.endpoint\\.databridge\\..*");
				assertThat((String) property.get("description")).as("description of %s", property.get("name"))
					.isNotBlank();
			});
		}
	}

}
