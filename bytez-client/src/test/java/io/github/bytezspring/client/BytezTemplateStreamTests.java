package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class BytezTemplateStreamTests {

	static final String KEY = "bz-test-4f9d2c7e1a6b3d8f0e5c";

	static final String GPT2 = "/models/v2/openai-community/gpt2";

	static final String TEXT = "Once upon a time — in 東京 —\nthere was a home 🏠 where\n\nGrüße lived.";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	// retries are off here so that each test sees exactly one exchange; BytezRetryTests
	// covers them
	private BytezTemplate template(String baseUrl) {
		return BytezTemplate.builder().apiKey(KEY).baseUrl(baseUrl).retryPolicy(BytezRetryPolicy.none()).build();
	}

	@Test
	void streamSendsStreamTrueAndDecodesChunksSplitInsideCharacters() {
		// 23 chunks of a few bytes each: several boundaries fall inside multi-byte
		// characters
		bytez.stubFor(post(GPT2).willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
			.withBody(TEXT)
			.withChunkedDribbleDelay(23, 230)));

		List<String> pieces = template(bytez.baseUrl())
			.stream("openai-community/gpt2", BytezInput.text("Once upon a time"),
					BytezOptions.builder().maxNewTokens(50).build())
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(String.join("", pieces)).isEqualTo(TEXT);
		assertThat(pieces).hasSizeGreaterThan(1).noneMatch(String::isEmpty).noneMatch((p) -> p.contains("\uFFFD"));
		bytez.verify(1,
				postRequestedFor(urlEqualTo(GPT2)).withHeader("Authorization", equalTo(KEY))
					.withRequestBody(equalToJson(
							"{\"text\":\"Once upon a time\",\"params\":{\"max_new_tokens\":50},\"stream\":true}", false,
							false)));
	}

	@Test
	void anEmptyStreamCompletesWithoutElements() {
		bytez.stubFor(post(GPT2).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("")));

		StepVerifier.create(template(bytez.baseUrl()).stream("openai-community/gpt2", BytezInput.text("x")))
			.verifyComplete();
	}

	@Test
	void anErrorStatusBeforeTheStreamIsATypedException() {
		bytez.stubFor(post(GPT2).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "3")
			.withBody("{\"error\":\"Rate limit exceeded\",\"output\":null}")));

		StepVerifier.create(template(bytez.baseUrl()).stream("openai-community/gpt2", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(BytezRateLimitException.class)
					.hasMessageContaining("Bytez stream of 'openai-community/gpt2' failed with HTTP 429");
				assertThat(((BytezRateLimitException) error).retryAfter()).contains(Duration.ofSeconds(3));
			});
	}

	@Test
	void aJsonEnvelopeInsteadOfAStreamIsReadAsOne() {
		bytez.stubFor(post(GPT2).willReturn(okJson("{\"error\":\"Model failed to load\",\"output\":null}")));
		bytez.stubFor(post("/models/v2/org/whole").willReturn(okJson("{\"error\":null,\"output\":\"all at once\"}")));
		BytezTemplate template = template(bytez.baseUrl());

		StepVerifier.create(template.stream("openai-community/gpt2", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("Model failed to load"));
		StepVerifier.create(template.stream("org/whole", BytezInput.text("x")))
			.expectNext("all at once")
			.verifyComplete();
		bytez.stubFor(
				post("/models/v2/org/labels").willReturn(okJson("{\"error\":null,\"output\":[{\"label\":\"cat\"}]}")));
		StepVerifier.create(template.stream("org/labels", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("whose output is not text"));
	}

	@Test
	void aStreamThatStallsLongerThanTheIdleTimeoutFailsAndClosesTheConnection() throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "slow t");
			// then nothing: the server stalls until the client gives up
		}, true)) {
			BytezTemplate template = BytezTemplate.builder()
				.apiKey(KEY)
				.baseUrl(server.baseUrl())
				.retryPolicy(BytezRetryPolicy.none())
				.streamIdleTimeout(Duration.ofMillis(300))
				.build();

			StepVerifier.create(template.stream("openai-community/gpt2", BytezInput.text("x")))
				.expectNext("slow t")
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasMessageContaining("(streamIdleTimeout)"))
				.verify(Duration.ofSeconds(3));
			assertThat(server.awaitClientClosed(2, TimeUnit.SECONDS)).as("client closed the connection").isTrue();
		}
	}

	@Test
	void aConnectionCutMidStreamIsAnErrorNotACompletion() throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "Hello ");
			// close without the terminating zero-length chunk
		}, false)) {
			StepVerifier.create(template(server.baseUrl()).stream("openai-community/gpt2", BytezInput.text("x")))
				.expectNext("Hello ")
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTransportException.class)
					.hasMessageStartingWith("Bytez stream of 'openai-community/gpt2' failed: "))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void cancellingTheSubscriptionClosesTheConnection() throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			RawHttpServer.writeChunkedTextHeaders(out);
			RawHttpServer.writeChunk(out, "first");
		}, true)) {
			StepVerifier.create(template(server.baseUrl()).stream("openai-community/gpt2", BytezInput.text("x")))
				.expectNext("first")
				.thenCancel()
				.verify(Duration.ofSeconds(5));

			assertThat(server.awaitRequest()).startsWith("POST /models/v2/openai-community/gpt2 HTTP/1.1");
			assertThat(server.awaitClientClosed(2, TimeUnit.SECONDS)).as("client closed the connection").isTrue();
		}
	}

}
