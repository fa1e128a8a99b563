package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezCallSummary;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each call has one record, built by the pipeline from what the readers parsed: a
 * response carries its public part, and every meter of the call (retries included) is
 * recorded from it with the same tags.
 */
class BytezCallRecordTests {

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.RETRY_LOGGER)
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING);

	private static final String MODEL = "/models/v2/org/model";

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build());
	}

	@Test
	void aResponseCarriesTheRecordOfItsCall() {
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("""
					{"error":null,"output":"ok","provider":{"usage":{"input_tokens":3,"output_tokens":5}}}""")
				.withHeader("ratelimit-limit", "10")
				.withHeader("inference-time", "0.5")
				.withFixedDelay(20)));

		BytezResponse response = builder().build().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(response).isNotNull();
		BytezCallSummary call = response.call();
		assertThat(call.operation()).isEqualTo(BytezOperation.RUN);
		assertThat(call.model()).isEqualTo("org/model");
		assertThat(call.attempts()).isEqualTo(2);
		assertThat(call.status()).isEqualTo(200);
		assertThat(call.metadata()).isSameAs(response.metadata());
		assertThat(call.metadata().limit()).hasValue(10);
		assertThat(call.metadata().inferenceTime()).hasValue(Duration.ofMillis(500));
		assertThat(call.usage().input()).isEqualTo(3);
		assertThat(call.usage().output()).isEqualTo(5);
		assertThat(call.usage().total()).isEqualTo(8);
		assertThat(call.timeToHeaders()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
		assertThat(call.duration()).isGreaterThanOrEqualTo(call.timeToHeaders());
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter().count())
			.isEqualTo(3);
	}

	@Test
	void retriesAreCountedWithTheTagsOfTheirCall() {
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezObservationConvention byOwner = new BytezObservationConvention() {
			@Override
			public KeyValue getModelKeyValue(BytezObservationContext context) {
				return KeyValue.of("bytez.model", context.getModelId().substring(0, context.getModelId().indexOf('/')));
			}
		};

		BytezTemplate template = builder().observationConvention(byOwner).build();
		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(this.meters.get("bytez.client.retries")
			.tags("bytez.operation", "run", "bytez.model", "org", "reason", "server_error")
			.counter()
			.count()).isEqualTo(1);
		assertThat(template.status().retries()).isEqualTo(1);
	}

	@Test
	void aStreamsRunningTotalsOfTokensAreCountedOnceAndCountsReportedApartAreKeptTogether() {
		bytez.stubFor(post("/models/v2/openai/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"}}],"usage":{"prompt_tokens":4}}

					data: {"id":"c","choices":[{"index":0,"delta":{"content":"lo"}}],"usage":{"completion_tokens":1}}

					data: {"id":"c","choices":[],"usage":{"completion_tokens":2}}

					data: [DONE]

					""")));

		builder().build()
			.openAi()
			.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi")))
			.blockLast(Duration.ofSeconds(5));

		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter().count())
			.isEqualTo(4);
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter().count())
			.as("the last running total, not the sum of the reports")
			.isEqualTo(2);
	}

}
