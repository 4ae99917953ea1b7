package io.databridge.sample;

import java.util.Map;

import io.databridge.postgres.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase db = TestDatabase.create("sample-app");
		db.springDataSourceProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@Test
	void createsGetsAndListsUsersWithPagingAndSorting() {
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		ResponseEntity<User> created = http.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Ada", "email", "ada@example.com", "age", 36))
			.retrieve()
			.toEntity(User.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		Long id = created.getBody().id();
		assertThat(http.get().uri("/users/{id}", id).retrieve().body(User.class).name()).isEqualTo("Ada");
		assertThat(http.get().uri("/users/{id}", 999_999).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
		for (String name : new String[] { "Cy", "Bob" }) {
			http.post()
				.uri("/users")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", name, "email", name + "@example.com", "age", 20))
				.retrieve()
				.toBodilessEntity();
		}
		Map<String, Object> page = http.get()
			.uri("/users?page=0&size=2&sort=name,desc")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(page.get("content").toString()).contains("Cy").contains("Bob").doesNotContain("Ada");
		assertThat(page.get("page").toString()).contains("totalElements=3");
		assertThat(http.get().uri("/users?sort=pg_sleep(5)").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(400);
		ResponseEntity<Map<String, Object>> nul = http.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Nu\u0000l", "email", "nul@example.com", "age", 1))
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(nul.getStatusCode().value()).isEqualTo(400);
		assertThat(nul.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(nul.getBody().get("detail").toString()).contains("column \"name\"").contains("NUL");
		ResponseEntity<Map<String, Object>> tooMany = http.post()
			.uri("/users/import?count=10000001")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
		assertThat(tooMany.getBody().toString()).contains("count must be between").doesNotContain("Exception");
		Map<String, Object> imported = http.post()
			.uri("/users/import?count=5000")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(imported.get("rows")).isEqualTo(5000);
		assertThat(((Number) imported.get("rowsSentSinceStart")).longValue()).isGreaterThanOrEqualTo(5000);
		Map<String, Object> meters = http.get()
			.uri("/actuator/metrics")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(meters.get("names")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains("databridge.bulk.rows");
		Map<String, Object> bulkRows = http.get()
			.uri("/actuator/metrics/databridge.bulk.rows")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(bulkRows.get("measurements").toString()).contains("statistic=COUNT")
			.containsPattern("value=[5-9][0-9]{3}\\.0|value=[1-9][0-9]{4,}\\.0");
		Map<String, Object> health = http.get()
			.uri("/actuator/health")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(health.toString()).contains("databridge").contains("role=primary");
		Map<String, Object> catalogue = http.get()
			.uri("/actuator/databridge")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(catalogue.get("repositories").toString()).contains("UserRepository").contains("SELECT");
		String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(prometheus).contains("databridge_statement_seconds_count").contains("databridge_db_cache_hit_ratio");
		Map<String, Object> all = http.get().uri("/users?size=1").retrieve().body(new ParameterizedTypeReference<>() {
		});
		assertThat(all.get("page").toString()).contains("totalElements=5003");
		assertThat(http.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Ada", "email", "ada@example.com", "age", 36))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(409);
	}

}
