package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.internal.BytezRetry;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded load against a Reactor Netty stand-in for Bytez that measures what it receives:
 * the most requests in flight, and every request it answers.
 */
class BytezLoadTests {

	private static final String RETRY_LINE = "Bytez run of '(org/model|org/limited)' attempt [1-3] of 4 failed \\(HTTP (429|503)\\); retrying in \\d+ms";

	/**
	 * The retries these tests provoke: captured and checked instead of printed.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(BytezRetry.class).expecting(Level.WARN, RETRY_LINE);

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	@Test
	void atMostMaxConcurrentRequestsAreInFlightAndEveryCallCompletes() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		LongAdder requests = new LongAdder();
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			requests.increment();
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			return request.receive().then(Mono.delay(Duration.ofMillis(10))).then(Mono.defer(() -> {
				inFlight.decrementAndGet();
				return response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"error\":null,\"output\":\"ok\"}"))
					.then();
			}));
		}).bindNow();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.maxConcurrentRequests(4)
			.build();

		List<String> answers = Flux.range(0, 200)
			.flatMap((i) -> template.run("org/model", BytezInput.text("call " + i)).map(BytezResponse::outputText), 200)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(answers).hasSize(200).containsOnly("ok");
		assertThat(requests.sum()).isEqualTo(200);
		assertThat(maxInFlight.get()).isEqualTo(4);
	}

	@Test
	void aStreamHoldsItsPermitUntilItIsCancelled() {
		LongAdder runRequests = new LongAdder();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/models/v2/org/streaming",
						(request, response) -> request.receive()
							.then(response.header("Content-Type", "text/plain")
								.sendString(Flux.just("first").concatWith(Flux.never()))
								.then()))
				.post("/models/v2/org/model", (request, response) -> {
					runRequests.increment();
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"error\":null,\"output\":\"ok\"}"))
						.then();
				}))
			.bindNow();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.maxConcurrentRequests(1)
			.build();
		java.util.concurrent.BlockingQueue<String> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
		reactor.core.Disposable stream = template.stream("org/streaming", BytezInput.text("x")).subscribe(chunks::add);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "first".equals(chunks.peek()));

		java.util.concurrent.CompletableFuture<BytezResponse> run = template.run("org/model", BytezInput.text("x"))
			.toFuture();
		org.awaitility.Awaitility.await()
			.during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> runRequests.sum() == 0 && !run.isDone());

		stream.dispose();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(run::isDone);
		assertThat(run.join().outputText()).isEqualTo("ok");
		assertThat(runRequests.sum()).isEqualTo(1);
	}

	@Test
	void aRetryGivesUpItsPermitDuringItsBackoff() {
		List<String> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicInteger limitedCalls = new AtomicInteger();
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String model = request.uri().substring("/models/v2/".length());
			arrivals.add(model);
			if (model.equals("org/limited") && limitedCalls.incrementAndGet() == 1) {
				return request.receive()
					.then(response.status(429)
						.header("retry-after-ms", "800")
						.sendString(Mono.just("{\"error\":\"busy\"}"))
						.then());
			}
			return request.receive()
				.then(response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"error\":null,\"output\":\"ok\"}"))
					.then());
		}).bindNow();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.maxConcurrentRequests(1)
			.build();

		java.util.concurrent.CompletableFuture<BytezResponse> limited = template
			.run("org/limited", BytezInput.text("a"))
			.toFuture();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.size() == 1);
		BytezResponse other = template.run("org/other", BytezInput.text("b")).block(Duration.ofSeconds(5));

		assertThat(other.outputText()).isEqualTo("ok");
		assertThat(limited.join().outputText()).isEqualTo("ok");
		// the other call got the only slot while the limited one waited out its 800ms
		assertThat(arrivals).containsExactly("org/limited", "org/other", "org/limited");
		assertThat(this.logs.messages(BytezRetry.class, Level.WARN))
			.containsExactly("Bytez run of 'org/limited' attempt 1 of 4 failed (HTTP 429); retrying in 800ms");
	}

	@Test
	void soakWithRandomRateLimitsAndServerErrorsLosesAndDuplicatesNothing() {
		Random random = new Random(20261126);
		LongAdder requests = new LongAdder();
		LongAdder successes = new LongAdder();
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			requests.increment();
			double draw;
			synchronized (random) {
				draw = random.nextDouble();
			}
			if (draw < 0.30) {
				return response.status(429)
					.sendString(Mono.just("{\"error\":\"Rate limit exceeded\",\"output\":null}"))
					.then();
			}
			if (draw < 0.35) {
				return response.status(503).sendString(Mono.just("<html>Service Unavailable</html>")).then();
			}
			successes.increment();
			return response.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"error\":null,\"output\":\"ok\"}"))
				.then();
		}).bindNow();
		LongAdder retries = new LongAdder();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.retryListener((event) -> retries.increment())
			.retryPolicy(BytezRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(5))
				.build())
			.build();
		LongAdder succeeded = new LongAdder();
		LongAdder typedFailures = new LongAdder();
		LongAdder otherOutcomes = new LongAdder();

		Flux.range(0, 1000)
			.flatMap((i) -> template.run("org/model", BytezInput.text("call " + i))
				.doOnNext((r) -> succeeded.increment())
				.doOnError(
						(error) -> ((error instanceof BytezRateLimitException || error instanceof BytezServerException)
								? typedFailures : otherOutcomes)
							.increment())
				.onErrorResume((error) -> Mono.empty()), 32)
			.blockLast(Duration.ofSeconds(60));

		assertThat(succeeded.sum() + typedFailures.sum()).isEqualTo(1000);
		assertThat(otherOutcomes.sum()).isZero();
		assertThat(succeeded.sum()).as("each answered 200 reached exactly one caller").isEqualTo(successes.sum());
		assertThat(requests.sum()).as("requests seen = calls + retries").isEqualTo(1000 + retries.sum());
		assertThat(retries.sum()).isGreaterThan(300);
		// one WARN line per retry, in the one-line format (no key, no stack trace)
		assertThat(this.logs.messages(BytezRetry.class, Level.WARN)).hasSize(retries.intValue())
			.allSatisfy((line) -> assertThat(line).matches(RETRY_LINE));
		assertThat(this.logs.text()).doesNotContain("\tat ");
	}

}
