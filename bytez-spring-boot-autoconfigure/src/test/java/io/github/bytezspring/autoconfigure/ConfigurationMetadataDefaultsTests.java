package io.github.bytezspring.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.github.bytezspring.client.BytezTemplateBuilder;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults IDEs show (the generated metadata) are the client's constants, which
 * {@link BytezProperties} references; the configuration processor cannot evaluate those references,
 * so the defaults are written out in the additional metadata, and this test keeps them equal.
 */
class ConfigurationMetadataDefaultsTests {

	private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private static Map<String, JsonNode> defaults;

	@BeforeAll
	static void readGeneratedMetadata() throws Exception {
		JsonNode metadata;
		try (InputStream in = ConfigurationMetadataDefaultsTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		defaults = new HashMap<>();
		metadata.get("properties").forEach((property) -> {
			if (property.has("defaultValue")) {
				defaults.put(property.get("name").stringValue(), property.get("defaultValue"));
			}
		});
	}

	@Test
	void clientDefaultsAreTheBuildersConstants() {
		assertThat(text("bytez.base-url")).isEqualTo(BytezTemplateBuilder.DEFAULT_BASE_URL);
		assertThat(duration("bytez.connect-timeout")).isEqualTo(BytezTemplateBuilder.DEFAULT_CONNECT_TIMEOUT);
		assertThat(duration("bytez.response-timeout")).isEqualTo(BytezTemplateBuilder.DEFAULT_RESPONSE_TIMEOUT);
		assertThat(duration("bytez.stream-idle-timeout")).isEqualTo(BytezTemplateBuilder.DEFAULT_STREAM_IDLE_TIMEOUT);
		assertThat(dataSize("bytez.max-in-memory-size")).isEqualTo(BytezTemplateBuilder.DEFAULT_MAX_IN_MEMORY_SIZE);
		assertThat(dataSize("bytez.max-inline-media-size"))
			.isEqualTo(BytezTemplateBuilder.DEFAULT_MAX_INLINE_MEDIA_SIZE);
		assertThat(integer("bytez.max-concurrent-requests"))
			.isEqualTo(BytezTemplateBuilder.DEFAULT_MAX_CONCURRENT_REQUESTS);
		assertThat(integer("bytez.max-pending-requests")).isEqualTo(BytezTemplateBuilder.DEFAULT_MAX_PENDING_REQUESTS);
		assertThat(defaults.get("bytez.auto-scale").booleanValue()).isEqualTo(BytezTemplateBuilder.DEFAULT_AUTO_SCALE);
		assertThat(defaults.get("bytez.adaptive-concurrency").booleanValue())
			.isEqualTo(BytezTemplateBuilder.DEFAULT_ADAPTIVE_CONCURRENCY);
	}

	@Test
	void retryDefaultsAreThePolicysConstants() {
		assertThat(integer("bytez.retry.max-retries")).isEqualTo(BytezRetryPolicy.DEFAULT_MAX_RETRIES);
		assertThat(duration("bytez.retry.initial-backoff")).isEqualTo(BytezRetryPolicy.DEFAULT_INITIAL_BACKOFF);
		assertThat(defaults.get("bytez.retry.multiplier").doubleValue()).isEqualTo(BytezRetryPolicy.DEFAULT_MULTIPLIER);
		assertThat(duration("bytez.retry.max-backoff")).isEqualTo(BytezRetryPolicy.DEFAULT_MAX_BACKOFF);
		assertThat(defaults.get("bytez.retry.jitter").doubleValue()).isEqualTo(BytezRetryPolicy.DEFAULT_JITTER);
		assertThat(defaults.get("bytez.retry.respect-retry-after").booleanValue())
			.isEqualTo(BytezRetryPolicy.DEFAULT_RESPECT_RETRY_AFTER);
		assertThat(duration("bytez.retry.max-retry-after")).isEqualTo(BytezRetryPolicy.DEFAULT_MAX_RETRY_AFTER);
	}

	@Test
	void poolDefaultsAreThePoolsConstants() {
		assertThat(integer("bytez.pool.max-connections")).isEqualTo(BytezConnectionPool.DEFAULT_MAX_CONNECTIONS);
		assertThat(duration("bytez.pool.max-idle-time")).isEqualTo(BytezConnectionPool.DEFAULT_MAX_IDLE_TIME);
	}

	@Test
	void concurrencyDefaultsAreThePermitStoresConstants() {
		BytezProperties.Concurrency concurrency = new BytezProperties().getConcurrency();
		assertThat(duration("bytez.concurrency.lease-time")).isEqualTo(PermitStore.DEFAULT_LEASE_TIME)
			.isEqualTo(concurrency.getLeaseTime());
		assertThat(duration("bytez.concurrency.timeout")).isEqualTo(PermitStore.DEFAULT_OPERATION_TIMEOUT)
			.isEqualTo(concurrency.getTimeout());
		assertThat(text("bytez.concurrency.store")).isEqualTo(concurrency.getStore().name().toLowerCase(Locale.ROOT));
		assertThat(text("bytez.concurrency.on-store-failure"))
			.isEqualTo(concurrency.getOnStoreFailure().name().toLowerCase(Locale.ROOT));
	}

	@Test
	void theMetadataDefaultsAreWhatAFreshBytezPropertiesHolds() {
		BytezProperties properties = new BytezProperties();
		assertThat(duration("bytez.response-timeout")).isEqualTo(properties.getResponseTimeout());
		assertThat(dataSize("bytez.max-in-memory-size")).isEqualTo(properties.getMaxInMemorySize());
		assertThat(integer("bytez.max-pending-requests")).isEqualTo(properties.getMaxPendingRequests());
		assertThat(duration("bytez.retry.max-retry-after")).isEqualTo(properties.getRetry().getMaxRetryAfter());
		assertThat(defaults.get("bytez.enabled").booleanValue()).isEqualTo(properties.isEnabled());
		assertThat(defaults.get("bytez.auto-scale").booleanValue()).isEqualTo(properties.isAutoScale());
		assertThat(defaults.get("bytez.adaptive-concurrency").booleanValue())
			.isEqualTo(properties.isAdaptiveConcurrency());
		assertThat(defaults.get("bytez.observations.include-model").booleanValue())
			.isEqualTo(properties.getObservations().isIncludeModel());
		assertThat(integer("bytez.observations.max-model-tags")).isEqualTo(BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS)
			.isEqualTo(properties.getObservations().getMaxModelTags());
	}

	private static String text(String name) {
		assertThat(defaults).as("default of " + name).containsKey(name);
		return defaults.get(name).asString();
	}

	private static Duration duration(String name) {
		return conversion.convert(text(name), Duration.class);
	}

	private static DataSize dataSize(String name) {
		return conversion.convert(text(name), DataSize.class);
	}

	private static int integer(String name) {
		return Integer.parseInt(text(name));
	}

}
