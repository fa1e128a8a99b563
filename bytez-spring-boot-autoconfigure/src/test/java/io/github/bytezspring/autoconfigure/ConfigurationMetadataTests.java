package io.github.bytezspring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.bytezspring.client.BytezTemplateBuilder;
import io.github.bytezspring.testsupport.ConfigurationMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static io.github.bytezspring.testsupport.ConfigurationMetadata.providers;
import static io.github.bytezspring.testsupport.ConfigurationMetadata.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What IDEs offer for {@code bytez.*} beyond one entry per setting (which
 * {@link BytezSettingsDescriptionTests} checks): the endpoints map and the hints.
 */
class ConfigurationMetadataTests {

	private final ConfigurationMetadata metadata = ConfigurationMetadata.generated();

	/**
	 * Boot's processor describes no property of a map's POJO values (and its format has
	 * no wildcard entry for them), so the map's own description names the two properties
	 * of an endpoint; this keeps it true: the names it gives are Endpoint's properties,
	 * and they bind.
	 */
	@Test
	void theEndpointsDescriptionNamesTheEndpointProperties() {
		JsonNode endpoints = this.metadata.property("bytez.endpoints");
		assertThat(endpoints.get("type").stringValue())
			.isEqualTo("java.util.Map<java.lang.String,io.github.bytezspring.autoconfigure.BytezProperties$Endpoint>");
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

		BytezProperties bound = new Binder(new MapConfigurationPropertySource(Map.of("bytez.endpoints.local.url",
				"http://localhost:8002", "bytez.endpoints.local.model-id", "openai-community/gpt2")))
			.bind("bytez", BytezProperties.class)
			.get();
		assertThat(bound.getEndpoints().get("local").getUrl()).isEqualTo("http://localhost:8002");
		assertThat(bound.getEndpoints().get("local").getModelId()).isEqualTo("openai-community/gpt2");
	}

	@Test
	void theBaseUrlHintOffersTheDefaultAndAllowsAnyOther() {
		JsonNode hint = this.metadata.hint("bytez.base-url");
		assertThat(values(hint)).containsExactly(BytezTemplateBuilder.DEFAULT_BASE_URL);
		assertThat(providers(hint)).containsExactly("any");
	}

	@Test
	void theRedisUrlHintOffersBothSchemesAndAllowsAnyOther() {
		JsonNode hint = this.metadata.hint("bytez.concurrency.redis.url");
		assertThat(values(hint)).allSatisfy((value) -> assertThat(value).matches("rediss?://.+:\\d+"))
			.anySatisfy((value) -> assertThat(value).startsWith("redis://"))
			.anySatisfy((value) -> assertThat(value).startsWith("rediss://"));
		assertThat(providers(hint)).containsExactly("any");
	}

	/**
	 * A hint for a name no property has is silently ignored by IDEs; every hint names a
	 * property of this module (or the keys or values of a map property), and every value
	 * it offers is described.
	 */
	@Test
	void everyHintNamesAPropertyAndDescribesItsValues() {
		this.metadata.hints().forEach((name, hint) -> {
			String property = name.replaceFirst("\\.(keys|values)$", "");
			JsonNode described = this.metadata.property(property);
			if (!property.equals(name)) {
				assertThat(described.get("type").stringValue()).as(name).startsWith("java.util.Map<");
			}
			hint.path("values")
				.forEach((value) -> assertThat(value.path("description").asString())
					.as(name + " = " + value.get("value"))
					.isNotBlank());
		});
		assertThat(this.metadata.hints()).containsKeys("bytez.base-url", "bytez.concurrency.redis.url");
	}

}
