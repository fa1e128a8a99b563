package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.internal.CallRecorder;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;
import io.github.bytezspring.client.observation.BytezOutcome;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

class BytezObservationTests {

	/**
	 * The retries and broken connections these tests provoke: captured instead of
	 * printed, each checked after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.RETRY_LOGGER, CapturedLogs.NETTY_CONNECTION_LOGGER)
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING)
		.expecting(Level.WARN, CapturedLogs.NETTY_CONNECTION_ERROR);

	static final String MODEL = "/models/v2/org/model";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.observationRegistry(this.observations)
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build());
	}

	@Test
	void aSuccessfulCallIsOneObservationWithItsKeys() {
		bytez.stubFor(post(MODEL).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));

		builder().build().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("bytez.client.requests", 1)
			.hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasContextualNameEqualTo("bytez run")
			.hasLowCardinalityKeyValue("bytez.operation", "run")
			.hasLowCardinalityKeyValue("bytez.model", "org/model")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("error", "none")
			.hasHighCardinalityKeyValue("bytez.attempts", "1")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void retriesStayInsideOneObservationAndAreCounted() {
		String limited = "{\"error\":\"Rate limit exceeded\",\"output\":null}";
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withBody(limited))
			.willSetStateTo("again"));
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs("again")
			.willReturn(aResponse().withStatus(429).withBody(limited))
			.willSetStateTo("ok"));
		bytez.stubFor(post(MODEL).inScenario("r")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));

		builder().build().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("bytez.client.requests", 1)
			.hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasHighCardinalityKeyValue("bytez.attempts", "3");
		assertThat(this.meters.get("bytez.client.retries")
			.tags("bytez.operation", "run", "bytez.model", "org/model", "reason", "rate_limited")
			.counter()
			.count()).isEqualTo(2.0);
	}

	@Test
	void aRefusedKeyIsAClientError() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized\"}")));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectError(BytezAuthenticationException.class)
			.verify();

		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("status", "401")
			.hasLowCardinalityKeyValue("error", "BytezAuthenticationException")
			.hasHighCardinalityKeyValue("bytez.attempts", "1")
			.assertThatError()
			.isInstanceOf(BytezAuthenticationException.class);
	}

	@Test
	void aTimeoutIsObservedAsTimeout() {
		bytez.stubFor(post(MODEL).willReturn(okJson("{\"error\":null,\"output\":\"late\"}").withFixedDelay(2000)));
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(
					new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofMillis(200))));

		StepVerifier.create(builder().webClientBuilder(webClient).build().run("org/model", BytezInput.text("x")))
			.expectError(BytezTimeoutException.class)
			.verify(Duration.ofSeconds(3));

		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "TIMEOUT")
			.hasLowCardinalityKeyValue("status", "NONE")
			.hasLowCardinalityKeyValue("error", "BytezTimeoutException");
	}

	@Test
	void aCancelledStreamIsObservedAsCancelled() throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first");
		}, true)) {
			StepVerifier.create(builder().baseUrl(server.baseUrl()).build().stream("org/model", BytezInput.text("x")))
				.expectNext("first")
				.thenCancel()
				.verify(Duration.ofSeconds(5));
			assertThat(server.awaitClientClosed(2, TimeUnit.SECONDS)).isTrue();
		}

		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("bytez.operation", "stream")
			.hasLowCardinalityKeyValue("outcome", "CANCELLED")
			.hasBeenStopped();
		assertThat(this.meters.find("bytez.client.stream.chunks").summary()).as("only completed streams").isNull();
	}

	@Test
	void aCompletedStreamRecordsFirstChunkChunksAndBytes() {
		String text = "Grüße, world";
		bytez.stubFor(post(MODEL).willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
			.withBody(text)
			.withChunkedDribbleDelay(4, 200)));

		List<String> pieces = builder().build()
			.stream("org/model", BytezInput.text("x"))
			.collectList()
			.block(Duration.ofSeconds(5));

		assertThat(this.meters.get("bytez.client.stream.first-chunk").tags("bytez.model", "org/model").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.get("bytez.client.stream.chunks").summary().totalAmount()).isEqualTo(pieces.size());
		assertThat(this.meters.get("bytez.client.stream.bytes").summary().totalAmount())
			.isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("bytez.operation", "stream")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@Test
	void eachAttemptsHttpObservationIsAChildOfTheCallsObservation() {
		bytez.stubFor(post(MODEL).inScenario("p")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		bytez.stubFor(post(MODEL).inScenario("p")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		Observation parent = Observation.start("http.server.requests", this.observations);

		builder().webClientBuilder(WebClient.builder().observationRegistry(this.observations))
			.build()
			.run("org/model", BytezInput.text("x"))
			.contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, parent))
			.block(Duration.ofSeconds(5));
		parent.stop();

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
			.hasHandledContextsThatSatisfy((contexts) -> {
				BytezObservationContext call = contexts.stream()
					.filter(BytezObservationContext.class::isInstance)
					.map(BytezObservationContext.class::cast)
					.collect(Collectors.toList())
					.get(0);
				assertThat(call.getParentObservation()).isSameAs(parent);
				List<ClientRequestObservationContext> attempts = contexts.stream()
					.filter(ClientRequestObservationContext.class::isInstance)
					.map(ClientRequestObservationContext.class::cast)
					.toList();
				assertThat(attempts).hasSize(2)
					.allSatisfy(
							(attempt) -> assertThat(attempt.getParentObservation().getContextView()).isSameAs(call));
			});
	}

	@Test
	void theModelKeyCanBeSwitchedOffAndTokenUsageIsCounted() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o-mini").willReturn(okJson("""
				{"error":null,"output":{"role":"assistant","content":"hi"},
				 "provider":{"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}}""")));

		builder().includeModelInObservations(false)
			.build()
			.run("openai/gpt-4o-mini", BytezInput.text("x"))
			.block(Duration.ofSeconds(5));

		assertThat(this.observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("bytez.model", "none");
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter().count())
			.isEqualTo(11);
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter().count())
			.isEqualTo(7);
	}

	@Test
	void aConventionsModelKeyTagsTheObservationAndEveryMeter() {
		String limited = "{\"error\":\"Rate limit exceeded\",\"output\":null}";
		bytez.stubFor(post(MODEL).inScenario("m")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withBody(limited))
			.willSetStateTo("ok"));
		bytez.stubFor(post(MODEL).inScenario("m")
			.whenScenarioStateIs("ok")
			.willReturn(okJson(
					"{\"error\":null,\"output\":\"hi\",\"provider\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}}")));
		bytez.stubFor(post("/models/v2/org/streamer")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody("a b c")));
		BytezObservationConvention byFamily = new DefaultBytezObservationConvention() {

			@Override
			public KeyValue getModelKeyValue(BytezObservationContext context) {
				return KeyValue.of("gen_ai.request.model", "family-" + context.getModelId().split("/")[0]);
			}

		};
		BytezTemplate template = builder().observationConvention(byFamily).build();

		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		template.stream("org/streamer", BytezInput.text("x")).collectList().block(Duration.ofSeconds(5));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("bytez.client.requests", 2)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.filteredOn(BytezObservationContext.class::isInstance)
				.hasSize(2)
				.allSatisfy((context) -> assertThat(context.getLowCardinalityKeyValues()).extracting(KeyValue::getKey)
					.contains("gen_ai.request.model")
					.doesNotContain("bytez.model")));
		assertThat(this.meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("bytez.client.retries", "gen_ai.client.token.usage", "bytez.client.stream.first-chunk",
					"bytez.client.stream.chunks", "bytez.client.stream.bytes");
		// the rate-limit gauges are the account's, not a model's: they carry no model tag
		// at all
		assertThat(this.meters.getMeters())
			.filteredOn((meter) -> !meter.getId().getName().startsWith("bytez.client.ratelimit."))
			.allSatisfy((meter) -> {
				assertThat(meter.getId().getTag("gen_ai.request.model")).as(meter.getId().toString())
					.isEqualTo("family-org");
				assertThat(meter.getId().getTag("bytez.model")).as(meter.getId().toString()).isNull();
			});
	}

	@Test
	void theReactorContextKeyIsMicrometers() {
		assertThat(CallRecorder.OBSERVATION_KEY).isEqualTo(ObservationThreadLocalAccessor.KEY);
	}

	@Test
	void outcomesFollowTheFailure() {
		assertThat(CallRecorder.outcomeOf(new BytezRateLimitException("", BytezOperation.RUN, "o/m", null, null)))
			.isEqualTo(BytezOutcome.RATE_LIMITED);
		assertThat(CallRecorder.outcomeOf(new BytezServerException("", BytezOperation.RUN, "o/m", 502, null)))
			.isEqualTo(BytezOutcome.SERVER_ERROR);
		assertThat(CallRecorder.outcomeOf(new BytezApiException("", BytezOperation.RUN, "o/m", 200, "crashed")))
			.isEqualTo(BytezOutcome.SERVER_ERROR);
		assertThat(CallRecorder.outcomeOf(new BytezApiException("", BytezOperation.RUN, "o/m", 404, null)))
			.isEqualTo(BytezOutcome.CLIENT_ERROR);
		assertThat(CallRecorder.outcomeOf(new BytezConnectException("", BytezOperation.RUN, "o/m", null)))
			.isEqualTo(BytezOutcome.TRANSPORT_ERROR);
		assertThat(CallRecorder.outcomeOf(new BytezTimeoutException("", BytezOperation.RUN, "o/m", null)))
			.isEqualTo(BytezOutcome.TIMEOUT);
	}

}
