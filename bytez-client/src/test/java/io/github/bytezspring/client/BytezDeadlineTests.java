package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call ends in bounded time: a JSON answer must arrive whole within the response
 * timeout, however the server paces it, and a call's own timeout bounds it with all its
 * retries.
 */
class BytezDeadlineTests {

	/**
	 * The retries these tests provoke: captured instead of printed, each checked after
	 * the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.retries();

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);

	static final Duration BOUND = Duration.ofMillis(1500);

	static Stream<Arguments> jsonCalls() {
		return Stream.of(
				Arguments.of("run",
						(Function<BytezTemplate, Publisher<?>>) (t) -> t.run("org/model", BytezInput.text("x"))),
				Arguments.of("listModels", (Function<BytezTemplate, Publisher<?>>) BytezTemplate::listModels),
				Arguments.of("listTasks", (Function<BytezTemplate, Publisher<?>>) BytezTemplate::listTasks),
				Arguments.of("clusters().list()", (Function<BytezTemplate, Publisher<?>>) (t) -> t.clusters().list()),
				Arguments.of("openAi().chatCompletion", (Function<BytezTemplate, Publisher<?>>) (t) -> t.openAi()
					.chatCompletion(ChatCompletionRequest.of("org/model", ChatMessage.user("Hi")))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jsonCalls")
	void aJsonBodyTrickledByteByByteEndsInATimeoutAtTheResponseTimeout(String call,
			Function<BytezTemplate, Publisher<?>> operation) throws Exception {
		try (RawHttpServer raw = new RawHttpServer(BytezDeadlineTests::trickleJson, false)) {
			BytezTemplate template = BytezTemplate.builder()
				.apiKey("k")
				.baseUrl(raw.baseUrl())
				.responseTimeout(RESPONSE_TIMEOUT)
				.retryPolicy(BytezRetryPolicy.none())
				.build();
			long start = System.nanoTime();

			StepVerifier.create(operation.apply(template))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasMessageContaining("the whole answer did not arrive within responseTimeout (PT0.3S)"))
				.verify(Duration.ofSeconds(5));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(elapsed).isGreaterThanOrEqualTo(RESPONSE_TIMEOUT).isLessThan(BOUND);
		}
	}

	@Test
	void aStreamWhoseHeadersDoNotArriveEndsInATimeoutAtTheResponseTimeout() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> pause(3000), false)) {
			BytezTemplate template = BytezTemplate.builder()
				.apiKey("k")
				.baseUrl(raw.baseUrl())
				.responseTimeout(RESPONSE_TIMEOUT)
				.retryPolicy(BytezRetryPolicy.none())
				.build();
			long start = System.nanoTime();

			StepVerifier.create(template.stream("org/model", BytezInput.text("x")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasMessageContaining("the response headers did not arrive within responseTimeout (PT0.3S)"))
				.verify(Duration.ofSeconds(5));

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(RESPONSE_TIMEOUT)
				.isLessThan(BOUND);
		}
	}

	@Test
	void aStreamSlowerThanTheResponseTimeoutButNeverIdleCompletes() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			for (int i = 0; i < 6; i++) {
				RawHttpServer.writeChunk(out, "tok ");
				pause(100);
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}, false)) {
			BytezTemplate template = BytezTemplate.builder()
				.apiKey("k")
				.baseUrl(raw.baseUrl())
				.responseTimeout(RESPONSE_TIMEOUT)
				.build();

			StepVerifier.create(template.stream("org/model", BytezInput.text("x")).reduce("", String::concat))
				.expectNext("tok tok tok tok tok tok ")
				.verifyComplete();
		}
	}

	@Test
	void aCallsTimeoutBoundsItsRetriesAndTheirBackoff() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(aResponse().withStatus(503)));
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.retryPolicy(BytezRetryPolicy.builder()
				.maxRetries(50)
				.initialBackoff(Duration.ofMillis(150))
				.multiplier(1.0)
				.jitter(0)
				.build())
			.build();
		BytezOptions options = BytezOptions.builder().timeout(Duration.ofMillis(700)).build();
		long start = System.nanoTime();

		StepVerifier.create(template.run("org/model", BytezInput.text("x"), options))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
				.hasMessage(
						"Bytez run of 'org/model' timed out: the call did not complete within its timeout (PT0.7S)"))
			.verify(Duration.ofSeconds(5));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700))
			.isLessThan(BOUND);
		int attempts = bytez.findAll(postRequestedFor(urlEqualTo("/models/v2/org/model"))).size();
		assertThat(attempts).as("attempts before the deadline").isBetween(2, 6);
		// the timeout cancelled the retries: none goes on in the background
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> bytez.findAll(postRequestedFor(urlEqualTo("/models/v2/org/model"))).size() == attempts);
	}

	@Test
	void aCallsTimeoutBoundsAStreamThatNeverGoesIdle() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			for (int i = 0; i < 100; i++) {
				RawHttpServer.writeChunk(out, "tok ");
				pause(100);
			}
		}, false)) {
			BytezTemplate template = BytezTemplate.builder().apiKey("k").baseUrl(raw.baseUrl()).build();
			BytezOptions options = BytezOptions.builder().timeout(Duration.ofMillis(500)).build();
			long start = System.nanoTime();

			StepVerifier.create(template.stream("org/model", BytezInput.text("x"), options))
				.thenConsumeWhile((text) -> text.startsWith("tok "))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasMessageContaining("did not complete within its timeout (PT0.5S)"))
				.verify(Duration.ofSeconds(5));

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
		}
	}

	/** 200 headers at once, then the JSON body one byte every 300 ms. */
	private static void trickleJson(OutputStream out) throws IOException {
		byte[] body = "{\"error\":null,\"output\":[]}".getBytes(StandardCharsets.UTF_8);
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		for (byte b : body) {
			out.write(b);
			out.flush();
			pause(300);
		}
	}

	/** The server's pace (the fault under test), never a wait for an outcome. */
	private static void pause(long millis) throws IOException {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException();
		}
	}

}
