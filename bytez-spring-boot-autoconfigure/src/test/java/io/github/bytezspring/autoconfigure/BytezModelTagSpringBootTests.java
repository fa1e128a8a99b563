package io.github.bytezspring.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link BytezObservationConvention} bean that renames the model key retags every Bytez
 * meter in a Boot application: the observation's timer, retries, stream meters and token
 * usage.
 */
@SpringBootTest(properties = { "bytez.api-key=k", "bytez.retry.initial-backoff=5ms" })
class BytezModelTagSpringBootTests {

	/**
	 * The retries these tests provoke: captured instead of printed, each checked after
	 * the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.retries();

	@RegisterExtension
	static final WireMockExtension bytez = BytezWireMock.serverForTheClass();

	@Autowired
	private BytezTemplate template;

	@Autowired
	private MeterRegistry meterRegistry;

	@BeforeAll
	static void stubs() {
		bytez.stubFor(post("/models/v2/org/model").inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit exceeded\"}"))
			.willSetStateTo("ok"));
		bytez.stubFor(post("/models/v2/org/model").inScenario("r")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\",\"provider\":{\"usage\":{\"input_tokens\":3}}}")));
		bytez.stubFor(post("/models/v2/org/streamer")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("one two")));
	}

	@DynamicPropertySource
	static void bytezUrl(DynamicPropertyRegistry registry) {
		registry.add("bytez.base-url", bytez::baseUrl);
	}

	@Test
	void theConventionsModelKeyIsOnEveryBytezMeter() {
		this.template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(30));
		this.template.stream("org/streamer", BytezInput.text("x")).collectList().block(Duration.ofSeconds(30));

		assertThat(this.meterRegistry.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("bytez.client.requests", "bytez.client.retries", "gen_ai.client.token.usage",
					"bytez.client.stream.first-chunk", "bytez.client.stream.chunks", "bytez.client.stream.bytes");
		assertThat(this.meterRegistry.getMeters()).filteredOn(BytezModelTagSpringBootTests::isBytezMeter)
			.allSatisfy((meter) -> {
				assertThat(meter.getId().getTag("gen_ai.request.model")).as(meter.getId().toString())
					.isEqualTo("family-org");
				assertThat(meter.getId().getTag("bytez.model")).as(meter.getId().toString()).isNull();
			});
	}

	private static boolean isBytezMeter(Meter meter) {
		String name = meter.getId().getName();
		// the rate-limit gauges are the account's, not a model's: they carry no model tag
		// at all
		return (name.startsWith("bytez.") || name.startsWith("gen_ai.")) && !name.endsWith(".active")
				&& !name.startsWith("bytez.client.ratelimit.");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		BytezObservationConvention byModelFamily() {
			return new DefaultBytezObservationConvention() {

				@Override
				public KeyValue getModelKeyValue(BytezObservationContext context) {
					return KeyValue.of("gen_ai.request.model", "family-" + context.getModelId().split("/")[0]);
				}

			};
		}

	}

}
