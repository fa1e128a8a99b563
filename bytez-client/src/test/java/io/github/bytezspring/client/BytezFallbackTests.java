package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.internal.FallbackChain;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Fallback chains: which failures hand a call to the next model, which do not, what the
 * caller gets back, and what is recorded about it.
 */
class BytezFallbackTests {

	static final String A = "/models/v2/org/a";

	static final String B = "/models/v2/org/b";

	static final String C = "/models/v2/org/c";

	static final String KEY = "fallback-test-key-1234";

	static final String FALLBACK_WARNING = "Bytez [a-z-]+ of '[^']+' failed \\((HTTP \\d{3}|[A-Za-z]+)\\); "
			+ "falling back to '[^']+' \\(model \\d of \\d\\)";

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(FallbackChain.class.getName(), CapturedLogs.RETRY_LOGGER)
		.expecting(Level.WARN, FALLBACK_WARNING)
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING)
		.neverShowing(KEY);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey(KEY)
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.observationRegistry(this.observations)
			.retryPolicy(BytezRetryPolicy.builder()
				.maxRetries(1)
				.initialBackoff(Duration.ofMillis(5))
				.maxBackoff(Duration.ofMillis(10))
				.build());
	}

	private static BytezOptions chain(String... fallbacks) {
		return BytezOptions.builder().fallbackModels(fallbacks).build();
	}

	static Stream<Arguments> failuresThatFallBack() {
		return Stream.of(
				Arguments.of("429", aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}"), 2,
						"rate_limited"),
				Arguments.of("402", aResponse().withStatus(402).withBody("{\"error\":\"No credits\"}"), 1,
						"payment_required"),
				Arguments.of("503", aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}"), 2,
						"server_error"));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@MethodSource("failuresThatFallBack")
	void aModelThatCannotAnswerHandsTheCallToTheNextOnceItsRetriesAreSpent(String status,
			ResponseDefinitionBuilder failure, int attemptsOfA, String reason) {
		bytez.stubFor(post(A).willReturn(failure));
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));

		BytezResponse response = builder().build()
			.run("org/a", BytezInput.text("hello"), chain("org/b", "org/c"))
			.block(Duration.ofSeconds(10));

		assertThat(response.outputText()).isEqualTo("from b");
		assertThat(response.model()).isEqualTo("org/b");
		bytez.verify(attemptsOfA, postRequestedFor(urlEqualTo(A)));
		// the same input, once
		bytez.verify(1, postRequestedFor(urlEqualTo(B)).withRequestBody(equalToJson("{\"text\":\"hello\"}")));
		bytez.verify(0, postRequestedFor(urlEqualTo(C)));
		assertThat(this.meters.get("bytez.client.fallbacks")
			.tags("bytez.operation", "run", "bytez.model", "org/a", "bytez.fallback.model", "org/b", "reason", reason)
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.logs.messages(FallbackChain.class, Level.WARN)).containsExactly(
				"Bytez run of 'org/a' failed (HTTP " + status + "); falling back to 'org/b' (model 2 of 3)");
	}

	@Test
	void theCallsTimeoutBoundsEachModelsTurn() {
		// a cold model: its answer would take far longer than the call may
		bytez.stubFor(post(A).willReturn(okJson("{\"error\":null,\"output\":\"late\"}").withFixedDelay(5_000)));
		// the next model needs part of the timeout too: had the timeout bounded the whole
		// chain, it would fail
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"warm\"}").withFixedDelay(150)));
		BytezOptions options = BytezOptions.builder().timeout(Duration.ofMillis(600)).fallbackModels("org/b").build();

		BytezResponse response = builder().build()
			.run("org/a", BytezInput.text("x"), options)
			.block(Duration.ofSeconds(4));

		assertThat(response.outputText()).isEqualTo("warm");
		assertThat(response.model()).isEqualTo("org/b");
		bytez.verify(1, postRequestedFor(urlEqualTo(A)));
		assertThat(this.meters.get("bytez.client.fallbacks").tag("reason", "timeout").counter().count()).isEqualTo(1.0);
		assertThat(this.logs.messages(FallbackChain.class, Level.WARN)).containsExactly(
				"Bytez run of 'org/a' failed (BytezTimeoutException); falling back to 'org/b' (model 2 of 2)");
	}

	static Stream<Arguments> failuresThatDoNotFallBack() {
		return Stream.of(
				Arguments.of(aResponse().withStatus(400).withBody("{\"error\":\"bad input\"}"),
						BytezApiException.class),
				Arguments.of(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized\"}"),
						BytezAuthenticationException.class),
				Arguments.of(aResponse().withStatus(404).withBody("{\"error\":\"no such model\"}"),
						BytezApiException.class),
				Arguments.of(okJson("{\"error\":null}"), BytezInvalidResponseException.class));
	}

	@ParameterizedTest
	@MethodSource("failuresThatDoNotFallBack")
	void aMistakeOfTheCallerOrAnUnreadableAnswerDoesNotFallBack(ResponseDefinitionBuilder failure,
			Class<? extends BytezException> type) {
		bytez.stubFor(post(A).willReturn(failure));
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));

		StepVerifier.create(builder().build().run("org/a", BytezInput.text("x"), chain("org/b")))
			.verifyErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(type).hasNoSuppressedExceptions();
				assertThat(((BytezException) error).getModelsTried()).isEmpty();
			});
		bytez.verify(1, postRequestedFor(urlEqualTo(A)));
		bytez.verify(0, postRequestedFor(urlEqualTo(B)));
		assertThat(this.meters.find("bytez.client.fallbacks").counters()).isEmpty();
	}

	@Test
	void aFailureToReachBytezDoesNotFallBack() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		// org/a's container cannot be reached; org/b would answer
		BytezTemplate template = builder().retryPolicy(BytezRetryPolicy.none())
			.endpoint("org/a", "http://127.0.0.1:" + closedPort)
			.build();
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));

		StepVerifier.create(template.run("org/a", BytezInput.text("x"), chain("org/b")))
			.expectError(BytezConnectException.class)
			.verify(Duration.ofSeconds(10));
		bytez.verify(0, postRequestedFor(urlEqualTo(B)));
	}

	@Test
	void invalidFallbackModelsAreRejectedBeforeAnyRequest() {
		BytezTemplate template = builder().build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> template.run("org/a", BytezInput.text("x"), chain("org/b", "not a model id")))
			.withMessageContaining("fallback model of 'org/a'")
			.withMessageContaining("'not a model id'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template.stream("org/a", BytezInput.text("x"), chain("org/b", "org/a")))
			.withMessage(
					"fallback model 'org/a' of 'org/a' is the call's own model; a model cannot fall back to itself");
		assertThatIllegalArgumentException().isThrownBy(() -> chain("org/b", "org/b"))
			.withMessage("fallbackModels[1] 'org/b' is given twice; a model is tried once");
		assertThatIllegalArgumentException().isThrownBy(() -> chain("org/b", " "))
			.withMessage("fallbackModels[1] must not be null or blank");
		assertThat(bytez.getAllServeEvents()).isEmpty();
	}

	@Test
	void whenEveryModelFailsTheLastFailureNamesEachModelAndKeepsTheEarlierOnes() {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}")));
		bytez.stubFor(post(B).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));
		bytez.stubFor(post(C).willReturn(aResponse().withStatus(402).withBody("{\"error\":\"No credits\"}")));
		BytezOptions options = BytezOptions.builder().noRetry().fallbackModels("org/b", "org/c").build();

		StepVerifier.create(builder().build().run("org/a", BytezInput.text("x"), options))
			.verifyErrorSatisfies((error) -> {
				// the last model's own failure, so that code catching that type still
				// does
				assertThat(error).isInstanceOf(BytezPaymentRequiredException.class)
					.hasMessageContaining("of 'org/c'")
					.hasMessageEndingWith("(models tried in turn: 'org/a', 'org/b', 'org/c'; "
							+ "the earlier models' failures are suppressed)")
					.hasMessageNotContaining(KEY);
				assertThat(((BytezException) error).getModelsTried()).containsExactly("org/a", "org/b", "org/c");
				assertThat(error.getSuppressed()).hasSize(2);
				assertThat(error.getSuppressed()[0]).isInstanceOf(BytezRateLimitException.class)
					.hasMessageContaining("'org/a'");
				assertThat(error.getSuppressed()[1]).isInstanceOf(BytezServerException.class)
					.hasMessageContaining("'org/b'");
			});
		bytez.verify(1, postRequestedFor(urlEqualTo(A)));
		bytez.verify(1, postRequestedFor(urlEqualTo(B)));
		bytez.verify(1, postRequestedFor(urlEqualTo(C)));
		assertThat(this.logs.messages(FallbackChain.class, Level.WARN)).hasSize(2);
	}

	@Test
	void aStreamFallsBackBeforeItsFirstChunk() {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}")));
		bytez.stubFor(post(B).willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withBody("Hello world")
			.withChunkedDribbleDelay(3, 30)));

		StepVerifier
			.create(builder().build()
				.stream("org/a", BytezInput.text("x"), BytezOptions.builder().noRetry().fallbackModels("org/b").build())
				.reduce("", String::concat))
			.expectNext("Hello world")
			.verifyComplete();
		bytez.verify(1, postRequestedFor(urlEqualTo(A)));
		bytez.verify(1, postRequestedFor(urlEqualTo(B)));
	}

	@Test
	void afterItsFirstChunkAStreamsFailureIsItsErrorNotAnotherModelsAnswer() throws Exception {
		// org/a's container sends one chunk, then nothing: the stream's idle timeout ends
		// it
		try (RawHttpServer stalling = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first ");
		}, true)) {
			bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));
			BytezTemplate template = builder().endpoint("org/a", stalling.baseUrl())
				.streamIdleTimeout(Duration.ofMillis(300))
				.build();

			StepVerifier.create(template.stream("org/a", BytezInput.text("x"), chain("org/b")))
				.expectNext("first ")
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasNoSuppressedExceptions())
				.verify(Duration.ofSeconds(10));
			bytez.verify(0, postRequestedFor(urlEqualTo(B)));
			assertThat(stalling.connections()).isEqualTo(1);
		}
	}

	@Test
	void aMediaFileIsWrittenByTheModelThatAnsweredAndNoFailedTurnLeavesOne(@TempDir Path directory) throws Exception {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));
		bytez.stubFor(post(B)
			.willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(new byte[] { 1, 2, 3 })));
		Path target = directory.resolve("image.png");

		BytezMedia media = builder().build()
			.streamMediaTo("org/a", BytezInput.text("x"),
					BytezOptions.builder().noRetry().fallbackModels("org/b").build(), target)
			.block(Duration.ofSeconds(10));

		assertThat(media.size()).isEqualTo(3);
		assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void theConfiguredChainAppliesToCallsThatSetNoneAndACallsOwnReplacesIt() {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(402).withBody("{\"error\":\"No credits\"}")));
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));
		bytez.stubFor(post(C).willReturn(okJson("{\"error\":null,\"output\":\"from c\"}")));
		BytezTemplate template = builder().fallback("org/a", "org/b").build();

		assertThat(template.run("org/a", BytezInput.text("x")).block(Duration.ofSeconds(5)).model()).isEqualTo("org/b");
		assertThat(template.run("org/a", BytezInput.text("x"), chain("org/c")).block(Duration.ofSeconds(5)).model())
			.isEqualTo("org/c");
		StepVerifier.create(template.run("org/a", BytezInput.text("x"), chain()))
			.expectError(BytezPaymentRequiredException.class)
			.verify(Duration.ofSeconds(5));
		// the chain is the configured model's: a call naming org/b has none
		bytez.stubFor(post(B).willReturn(aResponse().withStatus(402).withBody("{\"error\":\"No credits\"}")));
		StepVerifier.create(template.run("org/b", BytezInput.text("x")))
			.expectError(BytezPaymentRequiredException.class)
			.verify(Duration.ofSeconds(5));
		bytez.verify(3, postRequestedFor(urlEqualTo(A)));
		bytez.verify(2, postRequestedFor(urlEqualTo(B)));
		bytez.verify(1, postRequestedFor(urlEqualTo(C)));
	}

	@Test
	void aConfiguredChainIsCheckedWhenTheTemplateIsBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().fallback("org/a", "org/a").build())
			.withMessageContaining("a model cannot fall back to itself");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().fallback("org/a").build())
			.withMessage("the fallback chain of 'org/a' names no model to fall back to");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().fallback("org/a", "org/b", "bad id").build())
			.withMessageContaining("'bad id'");
	}

	@Test
	void theAnsweringModelIsOnItsObservationWithTheModelTheCallNamed() {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}")));
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));

		builder().build()
			.run("org/a", BytezInput.text("x"), BytezOptions.builder().noRetry().fallbackModels("org/b").build())
			.block(Duration.ofSeconds(5));

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("bytez.client.requests", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("bytez.model", "org/a")
				.hasLowCardinalityKeyValue("outcome", "RATE_LIMITED")
				.doesNotHaveHighCardinalityKeyValueWithKey("bytez.requested.model"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("bytez.model", "org/b")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasHighCardinalityKeyValue("bytez.requested.model", "org/a"));
	}

	@Test
	void theFallbackCounterIsDescribedAndItsModelsAreCapped() {
		this.meters.config().meterFilter(new BytezMeterFilter(1));
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}")));
		bytez.stubFor(post(B).willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));

		builder().build()
			.run("org/a", BytezInput.text("x"), BytezOptions.builder().noRetry().fallbackModels("org/b").build())
			.block(Duration.ofSeconds(5));

		assertThat(this.meters.get("bytez.client.fallbacks").counters()).singleElement().satisfies((counter) -> {
			assertThat(counter.getId().getDescription()).isNotBlank();
			assertThat(counter.getId().getTag("bytez.model")).isEqualTo("org/a");
			assertThat(counter.getId().getTag("bytez.fallback.model")).isEqualTo(BytezMeterFilter.OVERFLOW_MODEL);
			assertThat(counter.count()).isEqualTo(1.0);
		});
	}

	@Test
	void withoutAChainNothingChanges() {
		bytez.stubFor(post(A).willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit\"}")));

		StepVerifier
			.create(builder().build().run("org/a", BytezInput.text("x"), BytezOptions.builder().noRetry().build()))
			.verifyErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(BytezRateLimitException.class).hasNoSuppressedExceptions();
				assertThat(((BytezException) error).getModelsTried()).isEmpty();
				assertThat(error.getMessage()).doesNotContain("models tried");
			});
		assertThat(this.meters.find("bytez.client.fallbacks").counters()).isEmpty();
		assertThat(this.logs.messages(FallbackChain.class, Level.WARN)).isEmpty();
	}

}
