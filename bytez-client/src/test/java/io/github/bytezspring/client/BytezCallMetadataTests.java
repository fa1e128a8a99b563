package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.internal.CallMetadataHeaders;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import io.github.bytezspring.client.observation.BytezOutcome;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class BytezCallMetadataTests {

	/**
	 * The retries and the failing listener these tests provoke: captured instead of
	 * printed, each checked after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs
		.of(CapturedLogs.RETRY_LOGGER, "io.github.bytezspring.client.internal.CallPipeline")
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING)
		.expecting(Level.WARN, "A BytezCallListener failed; the call goes on");

	static final String MODEL = "/models/v2/org/model";

	static final String OK = "{\"error\":null,\"output\":\"ok\"}";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final List<BytezCallListener.Event> answers = new CopyOnWriteArrayList<>();

	private final List<BytezRetryListener.Event> retries = new CopyOnWriteArrayList<>();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.callListener(this::answered)
			.retryListener(this.retries::add)
			.observationRegistry(this.observations)
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(10))
				.maxBackoff(Duration.ofMillis(40))
				.maxRetryAfter(Duration.ofSeconds(5))
				.build());
	}

	// every event: the cost meter's look-ups in the model list are not calls, no listener
	// sees them
	private void answered(BytezCallListener.Event event) {
		this.answers.add(event);
	}

	private static ResponseDefinitionBuilder metered(ResponseDefinitionBuilder answer) {
		return answer.withHeader("ratelimit-limit", "10")
			.withHeader("ratelimit-remaining", "7")
			.withHeader("ratelimit-reset", "30")
			.withHeader("inference-time", "1.25")
			.withHeader("inference-meter", "gpu-a10g");
	}

	@Test
	void theHeadersAreRead() {
		BytezCallMetadata metadata = CallMetadataHeaders.parse(headers("ratelimit-limit", "10", "ratelimit-remaining",
				" 7 ", "ratelimit-reset", "30", "inference-time", "1.25", "inference-meter", "gpu-a10g"));

		assertThat(metadata.limit()).hasValue(10);
		assertThat(metadata.remaining()).hasValue(7);
		assertThat(metadata.reset()).contains(Duration.ofSeconds(30));
		assertThat(metadata.inferenceTime()).contains(Duration.ofMillis(1250));
		assertThat(metadata.inferenceMeter()).contains("gpu-a10g");
		assertThat(metadata.isEmpty()).isFalse();
	}

	@Test
	void absentHeadersAreEmpty() {
		BytezCallMetadata metadata = CallMetadataHeaders.parse(new HttpHeaders());

		assertThat(metadata.isEmpty()).isTrue();
		assertThat(metadata.limit()).isEmpty();
		assertThat(metadata.remaining()).isEmpty();
		assertThat(metadata.reset()).isEmpty();
		assertThat(metadata.inferenceTime()).isEmpty();
		assertThat(metadata.inferenceMeter()).isEmpty();
		assertThat(metadata).isEqualTo(BytezCallMetadata.empty());
	}

	@Test
	void malformedHeadersAreIgnoredOneByOne() {
		BytezCallMetadata metadata = CallMetadataHeaders.parse(headers("ratelimit-limit", "ten", "ratelimit-remaining",
				"-1", "ratelimit-reset", "soon", "inference-time", "NaN", "inference-meter", "gpu a10g"));

		assertThat(metadata.isEmpty()).isTrue();
		assertThat(CallMetadataHeaders.parse(headers("ratelimit-limit", "4", "inference-time", "-2")).limit())
			.hasValue(4);
		assertThat(CallMetadataHeaders.parse(headers("inference-time", "250ms")).inferenceTime())
			.contains(Duration.ofMillis(250));
		assertThat(CallMetadataHeaders.parse(headers("inference-time", "2s")).inferenceTime())
			.contains(Duration.ofSeconds(2));
	}

	@Test
	void hugeHeadersAreIgnored() {
		String digits = "9".repeat(10_000);
		BytezCallMetadata metadata = CallMetadataHeaders
			.parse(headers("ratelimit-limit", "99999999999", "ratelimit-remaining", digits, "ratelimit-reset", "1e400",
					"inference-time", "100000000", "inference-meter", "m".repeat(65)));

		assertThat(metadata.isEmpty()).isTrue();
	}

	@Test
	void metadataRefusesNegativeValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezCallMetadata.of(-1, null, null, null, null))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezCallMetadata.of(null, null, null, Duration.ofSeconds(-1), null))
			.withMessageContaining("inferenceTime");
	}

	@Test
	void aRunResponseCarriesItsMetadata() {
		bytez.stubFor(post(MODEL).willReturn(metered(okJson(OK))));

		BytezResponse response = builder().build().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(response.metadata())
			.isEqualTo(BytezCallMetadata.of(10, 7, Duration.ofSeconds(30), Duration.ofMillis(1250), "gpu-a10g"));
		assertThat(this.answers).singleElement().satisfies((event) -> {
			assertThat(event.operation().value()).isEqualTo("run");
			assertThat(event.modelId()).isEqualTo("org/model");
			assertThat(event.attempt()).isEqualTo(1);
			assertThat(event.status()).isEqualTo(200);
			assertThat(event.metadata()).isEqualTo(response.metadata());
		});
	}

	@Test
	void aResponseWithoutTheHeadersHasEmptyMetadata() {
		bytez.stubFor(post(MODEL).willReturn(okJson(OK)));

		BytezResponse response = builder().build().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(response.metadata().isEmpty()).isTrue();
		assertThat(this.answers).singleElement()
			.extracting(BytezCallListener.Event::metadata)
			.isEqualTo(BytezCallMetadata.empty());
	}

	@Test
	void aStreamsMetadataGoesToTheListenerAndTheObservation() {
		bytez.stubFor(post(MODEL)
			.willReturn(metered(aResponse().withHeader("Content-Type", "text/plain").withBody("Hello world"))));

		StepVerifier.create(builder().build().stream("org/model", BytezInput.text("x")).reduce("", String::concat))
			.expectNext("Hello world")
			.verifyComplete();

		assertThat(this.answers).singleElement().satisfies((event) -> {
			assertThat(event.operation().value()).isEqualTo("stream");
			assertThat(event.metadata().inferenceTime()).contains(Duration.ofMillis(1250));
		});
		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasHighCardinalityKeyValue("bytez.ratelimit.limit", "10")
			.hasHighCardinalityKeyValue("bytez.ratelimit.remaining", "7")
			.hasHighCardinalityKeyValue("bytez.ratelimit.reset", "30")
			.hasHighCardinalityKeyValue("bytez.inference.time", "1.25")
			.hasHighCardinalityKeyValue("bytez.inference.meter", "gpu-a10g");
	}

	@Test
	void openAiCompatibleAnswersReachTheListener() {
		bytez.stubFor(post("/models/v2/openai/v1/chat/completions").willReturn(metered(okJson(
				"{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}"))));

		builder().build()
			.openAi()
			.chatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi")))
			.block(Duration.ofSeconds(5));

		assertThat(this.answers).singleElement().satisfies((event) -> {
			assertThat(event.modelId()).isEqualTo("Qwen/Qwen3-4B");
			assertThat(event.metadata().limit()).hasValue(10);
			assertThat(event.metadata().inferenceMeter()).contains("gpu-a10g");
		});
	}

	@Test
	void everyAnsweredAttemptIsReportedAndAFailingListenerDoesNotFailTheCall() {
		answerInTurn(metered(aResponse().withStatus(503)), metered(okJson(OK)));
		BytezTemplate template = builder().callListener((event) -> {
			answered(event);
			throw new IllegalStateException("listener bug");
		}).build();

		StepVerifier.create(template.run("org/model", BytezInput.text("x"))).expectNextCount(1).verifyComplete();

		assertThat(this.answers).extracting(BytezCallListener.Event::attempt, BytezCallListener.Event::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, 503), org.assertj.core.groups.Tuple.tuple(2, 200));
	}

	@Test
	void theMetersShowInferenceTimeAndTheLatestRateLimit() {
		bytez.stubFor(post(MODEL).willReturn(metered(okJson(OK))));
		BytezTemplate template = builder().build();
		assertThat(this.meters.get("bytez.client.ratelimit.limit").gauge().value()).isNaN();

		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		bytez.stubFor(post(MODEL)
			.willReturn(okJson(OK).withHeader("ratelimit-limit", "20").withHeader("ratelimit-remaining", "19")));
		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		Timer inference = this.meters.get("bytez.client.inference")
			.tags("bytez.model", "org/model", "bytez.meter", "gpu-a10g")
			.timer();
		assertThat(inference.count()).isEqualTo(2);
		assertThat(inference.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2500.0);
		assertThat(inference.getId().getDescription()).contains("inference-time");
		assertThat(this.meters.get("bytez.client.ratelimit.limit").gauge().value()).isEqualTo(20.0);
		assertThat(this.meters.get("bytez.client.ratelimit.remaining").gauge().value()).isEqualTo(19.0);
		assertThat(this.meters.get("bytez.client.ratelimit.remaining").gauge().getId().getDescription()).isNotBlank();
	}

	@Test
	void theCostIsEstimatedFromTheCatalogueFetchedOncePerModel() {
		bytez.stubFor(post(MODEL).willReturn(metered(okJson(OK))));
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo("org/model"))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"org/model\",\"task\":\"chat\","
					+ "\"meter\":\"gpu-a10g\",\"meterPrice\":\"0.0004 / sec\"}]}")));
		bytez.stubFor(post("/models/v2/org/unpriced").willReturn(metered(okJson(OK))));
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo("org/unpriced"))
			.willReturn(okJson("{\"error\":null,\"output\":[]}")));
		BytezTemplate template = builder().build();

		for (int i = 0; i < 4; i++) {
			template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		}
		template.run("org/unpriced", BytezInput.text("x")).block(Duration.ofSeconds(5));

		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.meters.get("bytez.client.cost")
				.tags("bytez.model", "org/model", "bytez.meter", "gpu-a10g")
				.counter()
				.count()).isCloseTo(4 * 1.25 * 0.0004, within(1e-12)));
		assertThat(this.meters.find("bytez.client.cost").tag("bytez.model", "org/unpriced").counter()).isNull();
		assertThat(this.meters.get("bytez.client.cost").counter().getId().getDescription()).contains("Estimated");
		bytez.verify(1, getRequestedFor(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId",
				equalTo("org/model")));
	}

	@Test
	void paymentRequiredIsItsOwnExceptionAndNeverRetried() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(402)
			.withBody(
					"{\"status\":402,\"error\":\"Payment Required\",\"message\":\"Insufficient credits. Please add credits to continue.\"}")));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezPaymentRequiredException.class)
				.isInstanceOf(BytezApiException.class)
				.hasMessageContaining("HTTP 402")
				.hasMessageContaining("add credits")
				.satisfies((ex) -> assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(402)));

		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
		assertThat(this.retries).isEmpty();
		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", BytezOutcome.PAYMENT_REQUIRED.name())
			.hasLowCardinalityKeyValue("status", "402");
	}

	@Test
	void ratelimitResetIsTheDelayOfA429WithoutRetryAfter() {
		answerInTurn(aResponse().withStatus(429)
			.withHeader("ratelimit-reset", "1")
			.withBody("{\"error\":\"Rate limit exceeded\"}"), okJson(OK));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectNextCount(1)
			.verifyComplete();

		assertThat(this.retries).singleElement()
			.extracting(BytezRetryListener.Event::delay)
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void retryAfterWinsOverRatelimitReset() {
		answerInTurn(aResponse().withStatus(429)
			.withHeader("Retry-After", "0")
			.withHeader("ratelimit-reset", "60")
			.withBody("{\"error\":\"Rate limit exceeded\"}"), okJson(OK));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectNextCount(1)
			.verifyComplete();

		assertThat(this.retries).singleElement().extracting(BytezRetryListener.Event::delay).isEqualTo(Duration.ZERO);
	}

	@Test
	void aRatelimitResetBeyondMaxRetryAfterFailsAtOnce() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(429)
			.withHeader("ratelimit-reset", "120")
			.withBody("{\"error\":\"Rate limit exceeded\"}")));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(((BytezRateLimitException) error).retryAfter())
				.contains(Duration.ofSeconds(120)));
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
	}

	private void answerInTurn(ResponseDefinitionBuilder... answers) {
		String state = Scenario.STARTED;
		for (int i = 0; i < answers.length; i++) {
			String next = "turn" + (i + 1);
			bytez.stubFor(post(MODEL).inScenario("turns")
				.whenScenarioStateIs(state)
				.willReturn(answers[i])
				.willSetStateTo(next));
			state = next;
		}
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
