package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class BytezEndpointTests {

	/**
	 * The retries these tests provoke: captured instead of printed, each checked after
	 * the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.retries();

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=secret-api-key-123", "bytez.provider-key=secret-provider-key-456",
				"bytez.base-url=" + bytez.baseUrl(), "bytez.retry.initial-backoff=5ms");

	@Test
	void theEndpointShowsTheLimitCallsRateLimitRetriesAndCostButNoKey() {
		bytez.stubFor(post("/models/v2/org/model").inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		bytez.stubFor(post("/models/v2/org/model").inScenario("s")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("ratelimit-limit", "4")
				.withHeader("ratelimit-remaining", "3")));
		this.runner.withPropertyValues("bytez.adaptive-concurrency=true", "bytez.max-concurrent-requests=8")
			.run((context) -> {
				BytezEndpoint endpoint = context.getBean(BytezEndpoint.class);
				JsonMapper json = JsonMapper.builder().build();
				JsonNode before = json.valueToTree(endpoint.status());
				assertThat(before.at("/concurrencyLimit/value").asInt()).isEqualTo(1);
				assertThat(before.at("/concurrencyLimit/source").asString()).isEqualTo("adaptive (initial)");
				assertThat(before.at("/rateLimit/limit").isNull()).isTrue();

				context.getBean(BytezTemplate.class)
					.run("org/model", BytezInput.text("x"))
					.block(Duration.ofSeconds(5));

				String text = json.writeValueAsString(endpoint.status());
				JsonNode after = json.readTree(text);
				assertThat(after.at("/concurrencyLimit/value").asInt()).isEqualTo(4);
				assertThat(after.at("/concurrencyLimit/source").asString()).isEqualTo("adaptive (ratelimit-limit)");
				assertThat(after.at("/concurrencyLimit/ceiling").asInt()).isEqualTo(8);
				assertThat(after.at("/calls/inFlight").asInt()).isZero();
				assertThat(after.at("/calls/waiting").asInt()).isZero();
				assertThat(after.at("/rateLimit/limit").asInt()).isEqualTo(4);
				assertThat(after.at("/rateLimit/remaining").asInt()).isEqualTo(3);
				assertThat(after.at("/retries").asInt()).isEqualTo(1);
				assertThat(after.at("/estimatedCostUsd").isNumber()).isTrue();
				assertThat(text).doesNotContain("secret-api-key-123").doesNotContain("secret-provider-key-456");
			});
	}

	@Test
	void aFixedLimitIsShownWithItsSource() {
		this.runner.withPropertyValues("bytez.max-concurrent-requests=5").run((context) -> {
			JsonNode status = JsonMapper.builder().build().valueToTree(context.getBean(BytezEndpoint.class).status());
			assertThat(status.at("/concurrencyLimit/value").asInt()).isEqualTo(5);
			assertThat(status.at("/concurrencyLimit/source").asString()).isEqualTo("max-concurrent-requests");
		});
		this.runner.run((context) -> assertThat(JsonMapper.builder()
			.build()
			.valueToTree(context.getBean(BytezEndpoint.class).status())
			.at("/concurrencyLimit/source")
			.asString()).isEqualTo("none"));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).doesNotHaveBean(BytezEndpoint.class)
				.hasSingleBean(BytezTemplate.class));
	}

}
