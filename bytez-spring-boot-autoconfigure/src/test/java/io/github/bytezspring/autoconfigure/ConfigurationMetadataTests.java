package io.github.bytezspring.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescriptionForIdes() throws Exception {
		JsonNode metadata = metadata();
		Map<String, String> descriptions = new HashMap<>();
		// management.endpoint.bytez.* are Boot's own endpoint properties, generated from @Endpoint
		metadata.get("properties").forEach((p) -> {
			if (p.get("name").stringValue().startsWith("bytez.")) {
				descriptions.put(p.get("name").stringValue(),
						p.has("description") ? p.get("description").stringValue() : "");
			}
		});

		assertThat(descriptions).containsOnlyKeys("bytez.enabled", "bytez.api-key", "bytez.base-url",
				"bytez.provider-key", "bytez.connect-timeout", "bytez.response-timeout", "bytez.stream-idle-timeout",
				"bytez.max-in-memory-size", "bytez.max-inline-media-size", "bytez.max-concurrent-requests", "bytez.max-pending-requests", "bytez.auto-scale", "bytez.adaptive-concurrency",
				"bytez.retry.enabled", "bytez.retry.max-retries", "bytez.retry.initial-backoff", "bytez.retry.multiplier",
				"bytez.retry.max-backoff", "bytez.retry.jitter", "bytez.retry.respect-retry-after",
				"bytez.retry.max-retry-after", "bytez.observations.enabled", "bytez.observations.include-model", "bytez.endpoints", "bytez.pool.max-connections", "bytez.pool.max-idle-time",
				"bytez.concurrency.store", "bytez.concurrency.name", "bytez.concurrency.on-store-failure",
				"bytez.concurrency.lease-time", "bytez.concurrency.timeout", "bytez.concurrency.redis.url");
		assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
	}

	/**
	 * The defaults an IDE shows are the defaults that apply: those of a fresh {@link BytezProperties},
	 * whose initializers are the client's own constants.
	 */
	@Test
	void theMetadataDefaultsAreTheDefaultsThatApply() throws Exception {
		BeanWrapperImpl defaults = new BeanWrapperImpl(new BytezProperties());
		Map<String, Object> checked = new HashMap<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").stringValue();
			if (!name.startsWith("bytez.")) {
				// Boot's own endpoint properties (management.endpoint.bytez.*), not BytezProperties'
				continue;
			}
			Class<?> type = ClassUtils.forName(property.get("type").stringValue().replaceAll("<.*", ""), null);
			if (Map.class.isAssignableFrom(type)) {
				continue;
			}
			Object actual = defaults.getPropertyValue(javaPath(name));
			JsonNode documented = property.get("defaultValue");
			if (actual == null) {
				assertThat(documented).as(name + " has no default").isNull();
			}
			else {
				assertThat(documented).as(name + "'s documented default").isNotNull();
				Object converted = ApplicationConversionService.getSharedInstance()
					.convert(documented.asString(), type);
				assertThat(converted).as(name + "'s documented default").isEqualTo(actual);
			}
			checked.put(name, actual);
		}
		assertThat(checked).containsKeys("bytez.base-url", "bytez.retry.max-retries", "bytez.connect-timeout",
				"bytez.max-in-memory-size");
	}

	private JsonNode metadata() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

	/**
	 * {@code bytez.retry.max-retries} to {@code retry.maxRetries}.
	 */
	private static String javaPath(String property) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : property.substring("bytez.".length()).toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

}
