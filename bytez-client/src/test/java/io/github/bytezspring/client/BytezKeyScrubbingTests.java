package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that echoes a key never gets it into an exception: neither the configured keys
 * nor a provider key given per call, neither in the message nor in
 * {@code getErrorMessage()}; and Spring's exchange logging never shows them, whatever the
 * {@code WebClient.Builder} turns on.
 */
class BytezKeyScrubbingTests {

	static final String API_KEY = "bz-api-key-5f4e3d2c1b0a";

	static final String CONFIGURED_PROVIDER_KEY = "sk-configured-6a5b4c3d2e1f";

	static final String CALL_PROVIDER_KEY = "sk-per-call-9z8y7x6w5v4u";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey(API_KEY)
			.providerKey(CONFIGURED_PROVIDER_KEY)
			.baseUrl(bytez.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	@Test
	void aProviderKeyGivenPerCallIsMaskedWhenA401EchoesIt() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o").willReturn(aResponse().withStatus(401)
			.withBody("{\"error\":\"Incorrect API key provided: " + CALL_PROVIDER_KEY + "\"}")));

		StepVerifier
			.create(template().run("openai/gpt-4o", BytezInput.text("x"),
					BytezOptions.builder().providerKey(CALL_PROVIDER_KEY).build()))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(BytezAuthenticationException.class);
				assertThat(error.getMessage()).doesNotContain(CALL_PROVIDER_KEY)
					.contains("Incorrect API key provided: ******");
				assertThat(((BytezApiException) error).getErrorMessage()).doesNotContain(CALL_PROVIDER_KEY)
					.isEqualTo("Incorrect API key provided: ******");
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aProviderKeyGivenPerCallIsMaskedInABodyThatIsNotJson() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o")
			.willReturn(aResponse().withStatus(400).withBody("<html>bad key " + CALL_PROVIDER_KEY + "</html>")));

		StepVerifier
			.create(template().stream("openai/gpt-4o", BytezInput.text("x"),
					BytezOptions.builder().providerKey(CALL_PROVIDER_KEY).build()))
			.expectErrorSatisfies((error) -> assertThat(error.getMessage()).doesNotContain(CALL_PROVIDER_KEY)
				.contains("bad key ******"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aProviderKeyGivenPerCallIsMaskedInAnAnswerWithoutOutput() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o")
			.willReturn(okJson("{\"error\":null,\"echo\":\"" + CALL_PROVIDER_KEY + "\"}")));

		StepVerifier
			.create(template().run("openai/gpt-4o", BytezInput.text("x"),
					BytezOptions.builder().providerKey(CALL_PROVIDER_KEY).build()))
			.expectErrorSatisfies((error) -> assertThat(error.getMessage()).contains("without an 'output' field")
				.doesNotContain(CALL_PROVIDER_KEY))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	@ExtendWith(CapturedLogs.class)
	void requestDetailsLoggingTurnedOnByACustomizerStillNeverShowsTheKeys(CapturedLogs logs) {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		Logger exchanges = (Logger) LoggerFactory.getLogger("org.springframework.web.reactive.function.client");
		Level previous = exchanges.getLevel();
		exchanges.setLevel(Level.TRACE);
		try {
			BytezTemplate.builder()
				.webClientBuilder(WebClient.builder()
					.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true)))
				.webClientCustomizer((webClient) -> webClient
					.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true)))
				.apiKey(API_KEY)
				.providerKey(CONFIGURED_PROVIDER_KEY)
				.baseUrl(bytez.baseUrl())
				.build()
				.run("org/model", BytezInput.text("x"), BytezOptions.builder().providerKey(CALL_PROVIDER_KEY).build())
				.block(Duration.ofSeconds(5));
		}
		finally {
			exchanges.setLevel(previous);
		}

		assertThat(logs.text()).contains("HTTP POST")
			.contains("headers={masked}")
			.doesNotContain(API_KEY)
			.doesNotContain(CONFIGURED_PROVIDER_KEY)
			.doesNotContain(CALL_PROVIDER_KEY);
	}

	@Test
	void getErrorMessageMasksTheConfiguredKeys() {
		bytez.stubFor(post("/models/v2/org/limited").willReturn(aResponse().withStatus(429)
			.withBody("{\"error\":{\"message\":\"Rate limit for " + API_KEY + " and " + CONFIGURED_PROVIDER_KEY
					+ "\"}}")));
		bytez.stubFor(post("/models/v2/org/crashed")
			.willReturn(okJson("{\"error\":\"crashed with key " + API_KEY + "\",\"output\":null}")));

		StepVerifier.create(template().run("org/limited", BytezInput.text("x")))
			.expectErrorSatisfies((error) -> assertThat(((BytezApiException) error).getErrorMessage())
				.isEqualTo("Rate limit for ****** and ******"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(template().run("org/crashed", BytezInput.text("x"))).expectErrorSatisfies((error) -> {
			assertThat(((BytezApiException) error).getErrorMessage()).isEqualTo("crashed with key ******");
			assertThat(error.getMessage()).doesNotContain(API_KEY);
		}).verify(Duration.ofSeconds(5));
	}

}
