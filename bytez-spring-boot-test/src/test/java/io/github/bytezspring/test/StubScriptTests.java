package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StubScript}: scripted failures as a {@link BytezTemplate} sees them.
 */
@ExtendWith(BytezStubExtension.class)
class StubScriptTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHAT = "Qwen/Qwen3-4B";

	private static final String TEXT = "openai-community/gpt2";

	private final BytezStubServer stub;

	private final BytezTemplate noRetry;

	private final BytezTemplate fastRetry;

	StubScriptTests(BytezStubServer stub) {
		this.stub = stub;
		this.noRetry = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
		this.fastRetry = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.retryPolicy(BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build())
			.build();
	}

	@Test
	void rateLimitedWithRetryAfterAnswers429ForTheNextCallsOnly() {
		this.stub.script(CHAT).nextCalls(2).rateLimited(Duration.ofSeconds(3));
		for (int call = 0; call < 2; call++) {
			StepVerifier.create(chat(this.noRetry)).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(BytezRateLimitException.class);
				assertThat(((BytezRateLimitException) ex).getStatusCode()).isEqualTo(429);
				assertThat(((BytezRateLimitException) ex).getErrorMessage()).isEqualTo("Rate limit exceeded");
				assertThat(((BytezRateLimitException) ex).retryAfter()).contains(Duration.ofSeconds(3));
			}).verify(TIMEOUT);
		}
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.requests(CHAT)).hasSize(3);
	}

	@Test
	void rateLimitedWithoutRetryAfterSendsNoSuchHeader() {
		this.stub.script(CHAT).nextCall().rateLimited();
		StepVerifier.create(chat(this.noRetry))
			.expectErrorSatisfies((ex) -> assertThat(((BytezRateLimitException) ex).retryAfter()).isEmpty())
			.verify(TIMEOUT);
	}

	@Test
	void subSecondRetryAfterIsAlsoSentInMilliseconds() {
		this.stub.script(CHAT).nextCall().rateLimited(Duration.ofMillis(20));
		StepVerifier.create(chat(this.fastRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.requests(CHAT)).hasSize(2);
	}

	@Test
	void aScriptOnOneModelLeavesOthersAlone() {
		this.stub.script(TEXT).rateLimited();
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.noRetry.run(TEXT, BytezInput.text("x")))
			.expectError(BytezRateLimitException.class)
			.verify(TIMEOUT);
	}

	@Test
	void aScriptWithoutACountLastsUntilReset() {
		this.stub.script(CHAT).serverError(500);
		for (int call = 0; call < 3; call++) {
			StepVerifier.create(chat(this.noRetry)).expectError(BytezServerException.class).verify(TIMEOUT);
		}
		this.stub.reset();
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void scriptsRunInTheOrderTheyWereAdded() {
		this.stub.script(CHAT).nextCall().serverError(503);
		this.stub.script(CHAT).nextCall().htmlError(502);
		this.stub.script(CHAT).nextCall().error(200, "Model is loading");
		List<Throwable> errors = new ArrayList<>();
		for (int call = 0; call < 3; call++) {
			StepVerifier.create(chat(this.noRetry)).consumeErrorWith(errors::add).verify(TIMEOUT);
		}
		assertThat(errors.get(0)).isInstanceOf(BytezServerException.class)
			.satisfies((ex) -> assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(503));
		assertThat(errors.get(1)).isInstanceOf(BytezServerException.class)
			.satisfies((ex) -> assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(502));
		assertThat(errors.get(2)).isExactlyInstanceOf(BytezApiException.class)
			.satisfies((ex) -> assertThat(((BytezApiException) ex).getErrorMessage()).isEqualTo("Model is loading"));
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void htmlErrorIsAnHtmlPage() throws Exception {
		this.stub.script(CHAT).nextCall().htmlError(502);
		StepVerifier.create(chat(this.noRetry))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("502"))
			.verify(TIMEOUT);
		this.stub.script().nextCall().htmlError(504);
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(this.stub.baseUrl() + "/models/v2/list/tasks"))
				.header("Authorization", "k")
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(response.body()).contains("<title>504 Gateway Time-out</title>");
	}

	@Test
	void retriesOfTheClientUseUpTheScript() {
		this.stub.script(CHAT).nextCalls(2).serverError(503);
		StepVerifier.create(chat(this.fastRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.requests(CHAT)).hasSize(3);
	}

	@Test
	void delayHoldsBackTheNormalAnswer() {
		this.stub.script(CHAT).nextCall().delay(Duration.ofMillis(300));
		long start = System.nanoTime();
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void connectionResetFailsWithATransportException() {
		this.stub.script(CHAT).nextCall().connectionReset();
		StepVerifier.create(chat(this.noRetry)).expectError(BytezTransportException.class).verify(TIMEOUT);
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void emptyResponseAndRandomDataFailTheCall() {
		this.stub.script().nextCall().emptyResponse();
		this.stub.script().nextCall().randomDataThenClose();
		StepVerifier.create(chat(this.noRetry)).expectError().verify(TIMEOUT);
		StepVerifier.create(chat(this.noRetry)).expectError().verify(TIMEOUT);
		assertThat(this.stub.requests()).hasSize(2);
	}

	@Test
	void cutMidStreamDeliversSomeTextThenFails() {
		this.stub.streamPacing(StreamPacing.chunks(8).every(Duration.ofMillis(20)));
		this.stub.script(TEXT).nextCall().cutMidStream();
		List<String> received = new ArrayList<>();
		StepVerifier.create(this.noRetry.stream(TEXT, BytezInput.text("Once")).doOnNext(received::add))
			.thenConsumeWhile((piece) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezTransportException.class))
			.verify(TIMEOUT);
		byte[] whole = this.stub.exampleText("text-generation").getBytes(StandardCharsets.UTF_8);
		assertThat(String.join("", received)).as("the first half of the bytes")
			.isNotEmpty()
			.isEqualTo(new String(whole, 0, whole.length / 2, StandardCharsets.UTF_8));
	}

	@Test
	void cutMidStreamOfAJsonAnswerIsAnIncompleteBody() {
		this.stub.script(CHAT).nextCall().cutMidStream();
		StepVerifier.create(chat(this.noRetry))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfAny(BytezTransportException.class,
					BytezInvalidResponseException.class))
			.verify(TIMEOUT);
	}

	@Test
	void respondAnswersAnyWireMockResponse() {
		this.stub.script(CHAT).nextCall().respond(WireMock.aResponse().withStatus(418).withBody("teapot"));
		StepVerifier.create(chat(this.noRetry))
			.expectErrorSatisfies((ex) -> assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(418))
			.verify(TIMEOUT);
	}

	@Test
	void aScriptWinsOverOwnWireMockStubsWhichResetDrops() {
		this.stub.wireMock()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo("/models/v2/" + CHAT))
				.willReturn(WireMock.okJson("{\"error\":null,\"output\":\"own stub\"}")));
		this.stub.script(CHAT).nextCall().serverError(500);
		StepVerifier.create(chat(this.noRetry)).expectError(BytezServerException.class).verify(TIMEOUT);
		StepVerifier.create(chat(this.noRetry)).expectNext("own stub").expectComplete().verify(TIMEOUT);
		this.stub.reset();
		StepVerifier.create(chat(this.noRetry))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void rejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.script("no-slash"))
			.withMessageContaining("org/name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.script(CHAT).nextCalls(0))
			.withMessageContaining("at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.script(CHAT).serverError(404))
			.withMessageContaining("500 to 599");
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.script(CHAT).htmlError(302))
			.withMessageContaining("400 to 599");
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.script(CHAT).delay(Duration.ofMillis(-1)))
			.withMessageContaining("delay");
	}

	private reactor.core.publisher.Mono<String> chat(BytezTemplate template) {
		return template.run(CHAT, BytezInput.messages(BytezMessage.user("Hi"))).map(BytezResponse::outputText);
	}

}
