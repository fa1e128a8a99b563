package io.github.bytezspring.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescriptionForIdes() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, String> descriptions = new HashMap<>();
		metadata.get("properties").forEach((p) -> descriptions.put(p.get("name").stringValue(),
				p.has("description") ? p.get("description").stringValue() : ""));

		assertThat(descriptions).containsOnlyKeys("bytez.enabled", "bytez.api-key", "bytez.base-url",
				"bytez.provider-key", "bytez.connect-timeout", "bytez.response-timeout", "bytez.stream-idle-timeout",
				"bytez.max-in-memory-size", "bytez.max-inline-media-size", "bytez.max-concurrent-requests", "bytez.max-pending-requests",
				"bytez.retry.enabled", "bytez.retry.max-retries", "bytez.retry.initial-backoff", "bytez.retry.multiplier",
				"bytez.retry.max-backoff", "bytez.retry.jitter", "bytez.retry.respect-retry-after",
				"bytez.retry.max-retry-after", "bytez.observations.enabled", "bytez.observations.include-model", "bytez.endpoints", "bytez.pool.max-connections", "bytez.pool.max-idle-time");
		assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
	}

}
