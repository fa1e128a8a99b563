package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.internal.BytezRetry;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class BytezRetryTests {

	static final String MODEL = "/models/v2/org/model";

	static final String RATE_LIMITED = "{\"error\":\"Rate limit exceeded\",\"output\":null}";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	/**
	 * The retry warnings every test here provokes: captured instead of printed, checked
	 * after each test.
	 */
	@RegisterExtension
	final CapturedLogs output = CapturedLogs.retries();

	private final List<BytezRetryListener.Event> retries = new CopyOnWriteArrayList<>();

	@AfterEach
	void oneWarningPerRetry() {
		assertThat(this.output.messages(BytezRetry.class, ch.qos.logback.classic.Level.WARN))
			.hasSameSizeAs(this.retries)
			.allSatisfy((line) -> assertThat(line).matches(CapturedLogs.RETRY_WARNING).doesNotContain("\n"));
	}

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.retryListener(this.retries::add)
			.retryPolicy(BytezRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(10))
				.maxBackoff(Duration.ofMillis(40))
				.build());
	}

	private void answerInTurn(String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
		String state = Scenario.STARTED;
		for (int i = 0; i < answers.length; i++) {
			String next = (i == answers.length - 1) ? state : "answer " + (i + 1);
			bytez.stubFor(post(url).inScenario("turns")
				.whenScenarioStateIs(state)
				.willReturn(answers[i])
				.willSetStateTo(next));
			state = next;
		}
	}

	@Test
	void twoRateLimitsThenSuccessMakesThreeRequests(CapturedLogs output) {
		answerInTurn(MODEL, aResponse().withStatus(429).withBody(RATE_LIMITED),
				aResponse().withStatus(429).withBody(RATE_LIMITED), okJson("{\"error\":null,\"output\":\"done\"}"));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")).map(BytezResponse::outputText))
			.expectNext("done")
			.verifyComplete();

		bytez.verify(3, postRequestedFor(urlEqualTo(MODEL)));
		assertThat(this.retries).extracting(BytezRetryListener.Event::attempt).containsExactly(1, 2);
		List<String> warnings = output.messages(ch.qos.logback.classic.Level.WARN);
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0)).contains("Bytez run of 'org/model' attempt 1 of 4 failed (HTTP 429); retrying in ");
		assertThat(warnings.get(1)).contains("attempt 2 of 4 failed (HTTP 429)");
		assertThat(output.text()).doesNotContain("\tat io.github");
	}

	@Test
	void rateLimitedForeverGivesUpAfterMaxRetriesPlusOneAttempts() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(429).withBody(RATE_LIMITED)));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x"))).verifyErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(BytezRateLimitException.class)
				.hasMessageEndingWith("(gave up after 4 attempts)");
			assertThat(((BytezException) error).getAttempts()).isEqualTo(4);
			assertThat(error.getSuppressed()).hasSize(3).allMatch(BytezRateLimitException.class::isInstance);
		});
		bytez.verify(4, postRequestedFor(urlEqualTo(MODEL)));
		assertThat(this.retries).hasSize(3);
	}

	@Test
	void retryAfterIsHonoured() {
		answerInTurn(MODEL, aResponse().withStatus(429).withHeader("Retry-After", "1").withBody(RATE_LIMITED),
				okJson("{\"error\":null,\"output\":\"ok\"}"));
		long start = System.nanoTime();

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectNextCount(1)
			.verifyComplete();

		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
		assertThat(this.retries).singleElement()
			.extracting(BytezRetryListener.Event::delay)
			.isEqualTo(Duration.ofSeconds(1));
		bytez.verify(2, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void aRetryAfterBeyondTheLimitFailsAtOnceSayingHowLong() {
		bytez.stubFor(post(MODEL)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120").withBody(RATE_LIMITED)));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(((BytezRateLimitException) error).retryAfter())
				.contains(Duration.ofSeconds(120)));
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void aPostThatFailsWith500IsNotRepeated() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Boom\"}")));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectError(BytezServerException.class)
			.verify();
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void aReadThatFailsWith500IsRetried() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(aResponse().withStatus(500)));

		StepVerifier.create(builder().build().listTasks()).expectError(BytezServerException.class).verify();
		bytez.verify(4, getRequestedFor(urlEqualTo("/models/v2/list/tasks")));
	}

	@Test
	void a503IsRetriedEvenForAPost() {
		answerInTurn(MODEL, aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"),
				okJson("{\"error\":null,\"output\":\"ok\"}"));

		StepVerifier.create(builder().build().run("org/model", BytezInput.text("x")))
			.expectNextCount(1)
			.verifyComplete();
		bytez.verify(2, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void otherClientErrorsAndErrorsInA200AreNeverRetried() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad input\"}")));
		bytez.stubFor(post("/models/v2/org/other").willReturn(okJson("{\"error\":\"model crashed\",\"output\":null}")));
		BytezTemplate template = builder().build();

		StepVerifier.create(template.run("org/model", BytezInput.text("x")))
			.expectError(BytezApiException.class)
			.verify();
		StepVerifier.create(template.run("org/other", BytezInput.text("x")))
			.expectError(BytezApiException.class)
			.verify();
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/other")));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void aStreamThatFailsBeforeItsFirstChunkIsRetried() {
		answerInTurn(MODEL, aResponse().withStatus(503),
				aResponse().withHeader("Content-Type", "text/plain")
					.withBody("Hello world")
					.withChunkedDribbleDelay(3, 60));

		StepVerifier.create(builder().build().stream("org/model", BytezInput.text("x")).reduce("", String::concat))
			.expectNext("Hello world")
			.verifyComplete();
		bytez.verify(2, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void aStreamThatFailsAfterItsFirstChunkIsNotRetried() throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first ");
		}, false)) {
			BytezTemplate template = builder().baseUrl(server.baseUrl()).build();

			StepVerifier.create(template.stream("org/model", BytezInput.text("x")))
				.expectNext("first ")
				.expectError(BytezTransportException.class)
				.verify(Duration.ofSeconds(5));
			assertThat(server.connections()).isEqualTo(1);
		}
	}

	@Test
	void retriesCanBeChangedOrSwitchedOffPerCall() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(429).withBody(RATE_LIMITED)));
		BytezTemplate template = builder().build();

		StepVerifier.create(template.run("org/model", BytezInput.text("x"), BytezOptions.builder().noRetry().build()))
			.expectError(BytezRateLimitException.class)
			.verify();
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
		StepVerifier
			.create(template.stream("org/model", BytezInput.text("x"), BytezOptions.builder().maxRetries(1).build()))
			.expectError(BytezRateLimitException.class)
			.verify();
		bytez.verify(3, postRequestedFor(urlEqualTo(MODEL)));
	}

	@Test
	void noRetriesWhenThePolicyIsNone() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(503)));

		StepVerifier
			.create(builder().retryPolicy(BytezRetryPolicy.none()).build().run("org/model", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezServerException.class)
				.hasMessageNotContaining("gave up"));
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)));
	}

}
