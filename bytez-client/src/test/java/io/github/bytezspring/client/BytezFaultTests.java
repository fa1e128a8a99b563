package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.internal.BytezRetry;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault the server can throw at the client ends in the documented typed exception
 * within the configured time, whichever connector carries the exchange: no hang, no
 * silent completion, nothing lost or duplicated.
 */
class BytezFaultTests {

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);

	static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);

	static final Duration MARGIN = Duration.ofMillis(1500);

	private static final String RETRY_LINE = "Bytez run of 'org/model' attempt [1-3] of 4 failed \\((HTTP 429|HTTP 503|[A-Za-z]+Exception)\\); retrying in \\d+ms";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	/**
	 * The retries of the soak test and Reactor Netty's report of each connection the
	 * faults break are expected: captured and checked instead of printed.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.RETRY_LOGGER, CapturedLogs.NETTY_CONNECTION_LOGGER)
		.expecting(Level.WARN, RETRY_LINE)
		.expecting(Level.WARN, CapturedLogs.NETTY_CONNECTION_ERROR);

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	/**
	 * The connectors Spring Boot may pick for the client: every fault must map the same
	 * way on each.
	 */
	enum Connector {

		REACTOR_NETTY {
			@Override
			ClientHttpConnector create(Duration responseTimeout) {
				return new ReactorClientHttpConnector(HttpClient.create().responseTimeout(responseTimeout));
			}
		},

		JDK_HTTP_CLIENT {
			@Override
			ClientHttpConnector create(Duration responseTimeout) {
				JdkClientHttpConnector connector = new JdkClientHttpConnector(java.net.http.HttpClient.newHttpClient());
				connector.setReadTimeout(responseTimeout);
				return connector;
			}
		};

		abstract ClientHttpConnector create(Duration responseTimeout);

	}

	static Stream<Arguments> everyFaultOnEveryConnector() {
		return Stream.of(Connector.values())
			.flatMap((connector) -> Stream.of(Fault.values()).map((fault) -> Arguments.of(connector, fault)));
	}

	private BytezTemplateBuilder builder(String baseUrl, Connector connector) {
		WebClient.Builder webClient = WebClient.builder().clientConnector(connector.create(RESPONSE_TIMEOUT));
		return BytezTemplate.builder()
			.webClientBuilder(webClient)
			.apiKey("k")
			.baseUrl(baseUrl)
			.streamIdleTimeout(IDLE_TIMEOUT)
			.retryPolicy(BytezRetryPolicy.none());
	}

	@ParameterizedTest
	@MethodSource("everyFaultOnEveryConnector")
	void everyWireMockFaultIsATransportErrorForRunAndStream(Connector connector, Fault fault) {
		bytez.stubFor(post("/models/v2/org/model").willReturn(aResponse().withFault(fault)));
		BytezTemplate template = builder(bytez.baseUrl(), connector).build();

		expectWithin(template.run("org/model", BytezInput.text("x")), BytezTransportException.class);
		expectWithin(template.stream("org/model", BytezInput.text("x")), BytezTransportException.class);
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void headersSlowerThanTheResponseTimeoutAreATimeout(Connector connector) {
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"x\"}").withFixedDelay(3000)));
		BytezTemplate template = builder(bytez.baseUrl(), connector).build();

		expectWithin(template.run("org/model", BytezInput.text("x")), BytezTimeoutException.class,
				"did not answer within the response timeout");
		expectWithin(template.stream("org/model", BytezInput.text("x")), BytezTimeoutException.class,
				"did not answer within the response timeout");
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void aRefusedConnectionIsAConnectErrorForRunAndStream(Connector connector) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		BytezTemplate template = builder("http://127.0.0.1:" + closedPort, connector).build();

		expectWithin(template.run("org/model", BytezInput.text("x")), BytezConnectException.class,
				"could not connect to Bytez");
		expectWithin(template.stream("org/model", BytezInput.text("x")), BytezConnectException.class,
				"could not connect to Bytez");
	}

	@Test
	void anExhaustedConnectionPoolIsAConnectErrorNamingThePoolsSize() throws Exception {
		// Reactor Netty's pool is the one with limits: one connection, held by a stream,
		// and a short wait
		ConnectionProvider pool = ConnectionProvider.builder("one")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofMillis(200))
			.build();
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first");
		}, true)) {
			WebClient.Builder webClient = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(
						HttpClient.create(pool).responseTimeout(Duration.ofSeconds(30))));
			BytezTemplate template = builder(raw.baseUrl(), Connector.REACTOR_NETTY).webClientBuilder(webClient)
				.streamIdleTimeout(Duration.ofSeconds(30))
				.build();
			CountDownLatch firstChunk = new CountDownLatch(1);
			Disposable held = template.stream("org/model", BytezInput.text("held"))
				.subscribe((chunk) -> firstChunk.countDown());
			try {
				assertThat(firstChunk.await(5, TimeUnit.SECONDS)).as("the first stream holds the connection").isTrue();
				expectWithin(template.run("org/model", BytezInput.text("x")), BytezConnectException.class,
						"no free connection in the connection pool", "ConnectionProvider");
				expectWithin(template.stream("org/model", BytezInput.text("x")), BytezConnectException.class,
						"maxConcurrentRequests");
			}
			finally {
				held.dispose();
			}
			assertThat(raw.connections()).isEqualTo(1);
		}
		finally {
			pool.disposeLater().block(Duration.ofSeconds(5));
		}
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void aStreamStalledLongerThanTheIdleTimeoutIsATimeout(Connector connector) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.then(response.header("Content-Type", "text/plain")
					.sendString(Flux.just("a").concatWith(Flux.never()))
					.then()))
			.bindNow();
		// the connector's read timeout is longer here, so the idle timeout is what fires
		WebClient.Builder webClient = WebClient.builder().clientConnector(connector.create(Duration.ofSeconds(30)));
		BytezTemplate template = builder("http://127.0.0.1:" + this.server.port(), connector)
			.webClientBuilder(webClient)
			.build();
		long start = System.nanoTime();

		StepVerifier.create(template.stream("org/model", BytezInput.text("x")))
			.expectNext("a")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
				.hasMessageContaining("(streamIdleTimeout)"))
			.verify(IDLE_TIMEOUT.plus(MARGIN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(IDLE_TIMEOUT.plus(MARGIN));
	}

	// Reactor Netty only: the JDK HttpClient keeps a cancelled HTTP/1.1 response's
	// connection open
	// (measured: still open after 8 seconds), which is the JDK client's behaviour, not a
	// mapping
	@ParameterizedTest
	@EnumSource(value = Connector.class, names = "REACTOR_NETTY")
	void cancellationReachesTheServerWithinASecond(Connector connector) throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first");
		}, true)) {
			StepVerifier.create(builder(raw.baseUrl(), connector).build().stream("org/model", BytezInput.text("x")))
				.expectNext("first")
				.thenCancel()
				.verify(Duration.ofSeconds(5));
			assertThat(raw.awaitClientClosed(1, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(Connector.class)
	void soakWithRateLimitsServerErrorsAndResetsNeverLosesOrRepeatsAnAnsweredCall(Connector connector) {
		Random random = new Random(42);
		Set<String> answered = ConcurrentHashMap.newKeySet();
		Map<String, AtomicInteger> requestsPerCall = new ConcurrentHashMap<>();
		LongAdder repeatsAfterSuccess = new LongAdder();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().aggregate().asString().flatMap((body) -> {
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
		LongAdder retries = new LongAdder();
		BytezTemplate template = BytezTemplate.builder()
			.webClientBuilder(WebClient.builder().clientConnector(connector.create(Duration.ofSeconds(30))))
			.apiKey("soak-secret-key")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.retryListener((event) -> retries.increment())
			.retryPolicy(BytezRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(4))
				.build())
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
		// one WARN line per retry, in the one-line format (no key, no stack trace)
		assertThat(this.logs.messages(BytezRetry.class, Level.WARN)).hasSize(retries.intValue())
			.allSatisfy((line) -> assertThat(line).matches(RETRY_LINE).doesNotContain("soak-secret-key"));
		assertThat(retries.sum()).isPositive();
	}

	private static void expectWithin(org.reactivestreams.Publisher<?> call, Class<? extends BytezException> type,
			String... messageParts) {
		long start = System.nanoTime();
		StepVerifier.create(call).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(type);
			for (String part : messageParts) {
				assertThat(error).hasMessageContaining(part);
			}
		}).verify(RESPONSE_TIMEOUT.plus(MARGIN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RESPONSE_TIMEOUT.plus(MARGIN));
	}

}
