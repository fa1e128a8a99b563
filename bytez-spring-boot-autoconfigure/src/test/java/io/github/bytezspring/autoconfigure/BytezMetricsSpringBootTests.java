package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter in a Boot application with actuator: its meters appear under their names in
 * the application's {@link MeterRegistry}, and no tag anywhere holds a key.
 */
@SpringBootTest(properties = { "bytez.api-key=" + BytezMetricsSpringBootTests.API_KEY,
		"bytez.provider-key=" + BytezMetricsSpringBootTests.PROVIDER_KEY, "bytez.retry.initial-backoff=5ms" })
class BytezMetricsSpringBootTests {

	/**
	 * The retries these tests provoke: captured instead of printed, each checked after
	 * the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.retries().neverShowing(API_KEY);

	static final String API_KEY = "bz-live-8c1f4e2a9b7d6c5e3f10";

	static final String PROVIDER_KEY = "sk-proj-5e6f7a8b9c0d1e2f3a4b";

	@RegisterExtension
	static final WireMockExtension bytez = BytezWireMock.serverForTheClass();

	@Autowired
	private BytezTemplate template;

	@Autowired
	private MeterRegistry meterRegistry;

	@BeforeAll
	static void stubs() {
		String limited = "{\"error\":\"Rate limit exceeded\",\"output\":null}";
		bytez.stubFor(post("/models/v2/org/model").inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withBody(limited))
			.willSetStateTo("ok"));
		bytez.stubFor(post("/models/v2/org/model").inScenario("r")
			.whenScenarioStateIs("ok")
			.willReturn(okJson(
					"{\"error\":null,\"output\":\"ok\",\"provider\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}}")));
		bytez.stubFor(post("/models/v2/org/streamer").willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withBody("one two three")
			.withChunkedDribbleDelay(3, 90)));
		bytez.stubFor(post("/models/v2/org/refuser")
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized " + API_KEY + "\"}")));
	}

	@DynamicPropertySource
	static void bytezUrl(DynamicPropertyRegistry registry) {
		registry.add("bytez.base-url", bytez::baseUrl);
	}

	@Test
	void metersAppearUnderTheirNamesAndNoTagHoldsAKey() {
		assertThat(this.meterRegistry).isInstanceOf(SimpleMeterRegistry.class);

		this.template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		this.template.stream("org/streamer", BytezInput.text("x")).collectList().block(Duration.ofSeconds(5));
		assertThatExceptionOfType(BytezException.class)
			.isThrownBy(() -> this.template
				.run("org/refuser", BytezInput.text("x"), BytezOptions.builder().providerKey(PROVIDER_KEY).build())
				.block(Duration.ofSeconds(5)))
			.withMessageNotContaining(API_KEY)
			.withMessageContaining("Unauthorized ******");

		assertThat(this.meterRegistry.get("bytez.client.requests")
			.tags("bytez.operation", "run", "bytez.model", "org/model", "outcome", "SUCCESS", "status", "200")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("bytez.client.requests")
			.tags("bytez.model", "org/refuser", "outcome", "CLIENT_ERROR", "error", "BytezAuthenticationException")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("bytez.client.retries").tag("reason", "rate_limited").counter().count())
			.isEqualTo(1);
		assertThat(this.meterRegistry.get("bytez.client.stream.first-chunk").timer().count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("bytez.client.stream.chunks").summary().count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("bytez.client.stream.bytes").summary().totalAmount()).isEqualTo(13);
		assertThat(this.meterRegistry.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "output")
			.counter()
			.count()).isEqualTo(4);
		assertThat(this.meterRegistry.find("http.client.requests").timers()).as("Boot's per-attempt meter")
			.isNotEmpty();

		List<String> tagValues = this.meterRegistry.getMeters()
			.stream()
			.map(Meter::getId)
			.flatMap((id) -> id.getTags().stream())
			.map(Tag::getValue)
			.toList();
		assertThat(tagValues).isNotEmpty()
			.noneMatch((value) -> value.contains(API_KEY) || value.contains(PROVIDER_KEY));
	}

	// no component scan: only what auto-configuration contributes, as in a user's
	// application
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
