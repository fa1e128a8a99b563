package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault the server can throw at the client ends in the documented typed exception within the
 * configured time: no hang, no silent completion, nothing lost or duplicated.
 */
class BytezFaultTests {

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);

	static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);

	static final Duration MARGIN = Duration.ofMillis(1500);

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	private BytezTemplateBuilder builder(String baseUrl) {
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(RESPONSE_TIMEOUT)));
		return BytezTemplate.builder()
			.webClientBuilder(webClient)
			.apiKey("k")
			.baseUrl(baseUrl)
			.streamIdleTimeout(IDLE_TIMEOUT)
			.retryPolicy(BytezRetryPolicy.none());
	}

	@ParameterizedTest
	@EnumSource(Fault.class)
	void everyWireMockFaultIsATransportErrorForRunAndStream(Fault fault) {
		bytez.stubFor(post("/models/v2/org/model").willReturn(aResponse().withFault(fault)));
		BytezTemplate template = builder(bytez.baseUrl()).build();

		expectWithin(template.run("org/model", BytezInput.text("x")), BytezTransportException.class);
		expectWithin(template.stream("org/model", BytezInput.text("x")), BytezTransportException.class);
	}

	@Test
	void headersSlowerThanTheResponseTimeoutAreATimeout() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"x\"}").withFixedDelay(3000)));
		BytezTemplate template = builder(bytez.baseUrl()).build();

		expectWithin(template.run("org/model", BytezInput.text("x")), BytezTimeoutException.class);
		expectWithin(template.stream("org/model", BytezInput.text("x")), BytezTimeoutException.class);
	}

	@Test
	void aStreamStalledLongerThanTheIdleTimeoutIsATimeout() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request.receive()
			.then(response.header("Content-Type", "text/plain").sendString(Flux.just("a").concatWith(Flux.never())).then()))
			.bindNow();
		// the connector's read timeout is longer here, so the idle timeout is what fires
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofSeconds(30))));
		BytezTemplate template = builder("http://127.0.0.1:" + this.server.port()).webClientBuilder(webClient).build();
		long start = System.nanoTime();

		StepVerifier.create(template.stream("org/model", BytezInput.text("x")))
			.expectNext("a")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
				.hasMessageContaining("bytez.stream-idle-timeout"))
			.verify(IDLE_TIMEOUT.plus(MARGIN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(IDLE_TIMEOUT.plus(MARGIN));
	}

	@Test
	void cancellationReachesTheServerWithinASecond() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first");
		}, true)) {
			StepVerifier.create(builder(raw.baseUrl()).build().stream("org/model", BytezInput.text("x")))
				.expectNext("first")
				.thenCancel()
				.verify(Duration.ofSeconds(5));
			assertThat(raw.awaitClientClosed(1, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
		}
	}

	@Test
	void soakWithRateLimitsServerErrorsAndResetsNeverLosesOrRepeatsAnAnsweredCall() {
		Random random = new Random(42);
		Set<String> answered = ConcurrentHashMap.newKeySet();
		Map<String, AtomicInteger> requestsPerCall = new ConcurrentHashMap<>();
		LongAdder repeatsAfterSuccess = new LongAdder();
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request.receive()
			.aggregate()
			.asString()
			.flatMap((body) -> {
				String call = body.replaceAll(".*\"text\":\"([^\"]+)\".*", "$1");
				requestsPerCall.computeIfAbsent(call, (c) -> new AtomicInteger()).incrementAndGet();
				if (answered.contains(call)) {
					repeatsAfterSuccess.increment();
				}
				double draw;
				synchronized (random) {
					draw = random.nextDouble();
				}
				if (draw < 0.25) {
					return response.status(429).sendString(Mono.just("{\"error\":\"Rate limit exceeded\"}")).then();
				}
				if (draw < 0.35) {
					return response.status(503).sendString(Mono.just("busy")).then();
				}
				if (draw < 0.45) {
					// the connection goes away with no answer at all
					return response.withConnection(Connection::dispose).then();
				}
				answered.add(call);
				return response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"error\":null,\"output\":\"" + call + "\"}"))
					.then();
			}))
			.bindNow();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.retryPolicy(BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(4)).build())
			.build();
		Map<String, String> outcomes = new ConcurrentHashMap<>();
		LongAdder terminalSignals = new LongAdder();

		Flux.range(0, 600)
			.flatMap((i) -> template.run("org/model", BytezInput.text("call-" + i))
				.map((response) -> "ok:" + response.outputText())
				.onErrorResume(BytezException.class, (error) -> Mono.just("error:" + error.getClass().getSimpleName()))
				.doOnNext((outcome) -> {
					terminalSignals.increment();
					outcomes.merge("call-" + i, outcome, (a, b) -> a + "|" + b);
				}), 32)
			.blockLast(Duration.ofSeconds(60));

		assertThat(terminalSignals.sum()).isEqualTo(600);
		assertThat(outcomes).hasSize(600).allSatisfy((call, outcome) -> {
			assertThat(outcome).doesNotContain("|");
			assertThat(outcome).isIn("ok:" + call, "error:BytezRateLimitException", "error:BytezServerException",
					"error:BytezTransportException");
		});
		assertThat(repeatsAfterSuccess.sum()).as("requests repeated after a 200").isZero();
		assertThat(outcomes.values().stream().filter((o) -> o.startsWith("ok:")).count()).isEqualTo(answered.size());
		assertThat(outcomes.values()).anyMatch((o) -> o.equals("error:BytezTransportException"));
		requestsPerCall.forEach((call, count) -> assertThat(count.get()).as(call).isBetween(1, 4));
	}

	private static void expectWithin(org.reactivestreams.Publisher<?> call, Class<? extends BytezException> type) {
		long start = System.nanoTime();
		StepVerifier.create(call).expectError(type).verify(RESPONSE_TIMEOUT.plus(MARGIN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RESPONSE_TIMEOUT.plus(MARGIN));
	}

}
