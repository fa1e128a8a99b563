package io.github.bytezspring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.bytezspring.client.BytezTemplateBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
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
				"bytez.retry.max-retry-after", "bytez.observations.enabled", "bytez.observations.include-model",
				"bytez.observations.max-model-tags", "bytez.endpoints", "bytez.fallbacks", "bytez.pool.max-connections", "bytez.pool.max-idle-time",
				"bytez.concurrency.store", "bytez.concurrency.name", "bytez.concurrency.on-store-failure",
				"bytez.concurrency.lease-time", "bytez.concurrency.timeout", "bytez.concurrency.redis.url",
				"bytez.budget.max-cost", "bytez.budget.period", "bytez.warm-up.models", "bytez.warm-up.timeout");
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
			if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
				// empty by default, which the metadata format cannot say
				continue;
			}
			Object actual = defaults.getPropertyValue(javaPath(name));
			JsonNode documented = property.get("defaultValue");
			if (actual == null) {
				assertThat(documented).as(name + " has no default").isNull();
			}
			else {
				assertThat(documented).as(name + "'s documented default").isNotNull();
				// a list's default is documented as a JSON array (bytez.warm-up.models: [])
				Object converted = documented.isArray()
						? documented.valueStream().map(JsonNode::asString).toList()
						: ApplicationConversionService.getSharedInstance().convert(documented.asString(), type);
				assertThat(converted).as(name + "'s documented default").isEqualTo(actual);
			}
			checked.put(name, actual);
		}
		assertThat(checked).containsKeys("bytez.base-url", "bytez.retry.max-retries", "bytez.connect-timeout",
				"bytez.max-in-memory-size");
	}

	/**
	 * Boot's processor describes no property of a map's POJO values (and its format has no wildcard
	 * entry for them), so the map's own description names the two properties of an endpoint; this keeps
	 * it true: the names it gives are Endpoint's properties, and they bind.
	 */
	@Test
	void theEndpointsDescriptionNamesTheEndpointProperties() throws Exception {
		JsonNode endpoints = property(metadata(), "bytez.endpoints");
		assertThat(endpoints.get("type").stringValue()).isEqualTo(
				"java.util.Map<java.lang.String,io.github.bytezspring.autoconfigure.BytezProperties$Endpoint>");
		String description = endpoints.get("description").stringValue();
		assertThat(description).contains("bytez.endpoints.<alias>.url", "bytez.endpoints.<alias>.model-id")
			.contains("+ /run");
		Set<String> endpointProperties = new TreeSet<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(BytezProperties.Endpoint.class)) {
			if (descriptor.getWriteMethod() != null) {
				endpointProperties.add(descriptor.getName());
			}
		}
		assertThat(endpointProperties).containsExactly("modelId", "url");

		BytezProperties bound = new Binder(new MapConfigurationPropertySource(
				Map.of("bytez.endpoints.local.url", "http://localhost:8002", "bytez.endpoints.local.model-id",
						"openai-community/gpt2")))
			.bind("bytez", BytezProperties.class)
			.get();
		assertThat(bound.getEndpoints().get("local").getUrl()).isEqualTo("http://localhost:8002");
		assertThat(bound.getEndpoints().get("local").getModelId()).isEqualTo("openai-community/gpt2");
	}

	@Test
	void theBaseUrlHintOffersTheDefaultAndAllowsAnyOther() throws Exception {
		JsonNode hint = hint(metadata(), "bytez.base-url");
		assertThat(values(hint)).containsExactly(BytezTemplateBuilder.DEFAULT_BASE_URL);
		assertThat(providers(hint)).containsExactly("any");
	}

	@Test
	void theRedisUrlHintOffersBothSchemesAndAllowsAnyOther() throws Exception {
		JsonNode hint = hint(metadata(), "bytez.concurrency.redis.url");
		assertThat(values(hint)).allSatisfy((value) -> assertThat(value).matches("rediss?://.+:\\d+"))
			.anySatisfy((value) -> assertThat(value).startsWith("redis://"))
			.anySatisfy((value) -> assertThat(value).startsWith("rediss://"));
		assertThat(providers(hint)).containsExactly("any");
	}

	/**
	 * A hint for a name no property has is silently ignored by IDEs; every hint names a property of
	 * this module (or the keys or values of a map property), and every value it offers is described.
	 */
	@Test
	void everyHintNamesAPropertyAndDescribesItsValues() throws Exception {
		JsonNode metadata = metadata();
		Map<String, String> types = new HashMap<>();
		metadata.get("properties").forEach((p) -> types.put(p.get("name").stringValue(), p.get("type").stringValue()));
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : metadata.get("hints")) {
			String name = hint.get("name").stringValue();
			String property = name.replaceFirst("\\.(keys|values)$", "");
			assertThat(types).as(name).containsKey(property);
			if (!property.equals(name)) {
				assertThat(types.get(property)).as(name).startsWith("java.util.Map<");
			}
			hint.path("values").forEach((value) -> assertThat(value.path("description").asString())
				.as(name + " = " + value.get("value")).isNotBlank());
			hinted.add(name);
		}
		assertThat(hinted).contains("bytez.base-url", "bytez.concurrency.redis.url");
	}

	private static JsonNode property(JsonNode metadata, String name) {
		for (JsonNode property : metadata.get("properties")) {
			if (property.get("name").stringValue().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("no property " + name);
	}

	private static JsonNode hint(JsonNode metadata, String name) {
		for (JsonNode hint : metadata.get("hints")) {
			if (hint.get("name").stringValue().equals(name)) {
				return hint;
			}
		}
		throw new AssertionError("no hint " + name);
	}

	private static List<String> values(JsonNode hint) {
		List<String> values = new ArrayList<>();
		hint.path("values").forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	private static List<String> providers(JsonNode hint) {
		List<String> providers = new ArrayList<>();
		hint.path("providers").forEach((provider) -> providers.add(provider.get("name").stringValue()));
		return providers;
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
