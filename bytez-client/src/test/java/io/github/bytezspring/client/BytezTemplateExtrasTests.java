package io.github.bytezspring.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for requesting a model, extra top-level body fields and the per-call API key.
 */
class BytezTemplateExtrasTests {

	static final String KEY = "bz-extras-7c1e9a2f4b6d8e0a3c5f";

	static final String TENANT_KEY = "bz-tenant-0a9b8c7d6e5f4a3b2c1d";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey(KEY)
			.baseUrl(bytez.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	@Test
	void requestModelPostsToTheRequestPathWithoutABodyAndReadsTheOutput() {
		bytez.stubFor(post("/models/v2/request/acme/new-model")
			.willReturn(okJson("{\"error\":null,\"output\":\"Job queued\"}")));
		assertThat(template().requestModel("acme/new-model").block(Duration.ofSeconds(5))).isEqualTo("Job queued");
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/request/acme/new-model")).withHeader("Authorization",
				equalTo(KEY)));
		assertThat(bytez.getAllServeEvents().get(0).getRequest().getBody()).isEmpty();
	}

	@Test
	void requestModelFailsLikeEveryCall() {
		bytez.stubFor(post("/models/v2/request/acme/new-model")
			.willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit exceeded\",\"output\":null}")));
		StepVerifier.create(template().requestModel("acme/new-model")).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(BytezRateLimitException.class);
			assertThat(((BytezApiException) error).getOperation()).isEqualTo(BytezOperation.REQUEST_MODEL);
			assertThat(((BytezApiException) error).getModelId()).isEqualTo("acme/new-model");
			assertThat(error.getMessage()).contains("request-model");
		}).verify(Duration.ofSeconds(5));
		bytez.stubFor(post("/models/v2/request/acme/other")
			.willReturn(okJson("{\"error\":\"Model not found on Hugging Face\",\"output\":null}")));
		StepVerifier.create(template().requestModel("acme/other"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezApiException.class)
				.hasMessageContaining("Model not found on Hugging Face"))
			.verify(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "no-slash", "a/", "/b" })
	void requestModelRejectsAMalformedModelIdAtOnce(String modelId) {
		assertThatIllegalArgumentException().isThrownBy(() -> template().requestModel(modelId))
			.withMessageContaining("modelId");
		assertThat(bytez.getAllServeEvents()).isEmpty();
	}

	@Test
	void fieldsAreWrittenBesideTheTypedOnes() {
		bytez.stubFor(post("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezOptions options = BytezOptions.builder()
			.maxNewTokens(5)
			.field("input", Map.of("prompt", "Hi"))
			.field("autoScale", true)
			.field("seeds", List.of(1, 2))
			.build();
		template().run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("Hi")), options)
			.block(Duration.ofSeconds(5));
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B")).withRequestBody(
				equalToJson("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"params\":{\"max_new_tokens\":5},"
						+ "\"input\":{\"prompt\":\"Hi\"},\"autoScale\":true,\"seeds\":[1,2]}")));
		assertThat(options.fields()).containsOnlyKeys("input", "autoScale", "seeds");
		assertThat(options.toString()).contains("fields=[input, autoScale, seeds]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text", "messages", "url", "base64", "question", "context", "candidate_labels", "params",
			"stream", "json" })
	void fieldsTheTypedApiOwnsAreRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().field(name, "x"))
			.withMessageContaining("'" + name + "'");
	}

	@Test
	void aFieldNeedsANameAndAValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().field(" ", "x"))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().field("input", null))
			.withMessageContaining("'input'");
	}

	@Test
	void aPerCallApiKeyReplacesTheClientsKeyForThatCallOnly() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezTemplate template = template();
		template.run("org/model", BytezInput.text("x"), BytezOptions.builder().apiKey(" " + TENANT_KEY + " ").build())
			.block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		bytez.verify(1,
				postRequestedFor(urlEqualTo("/models/v2/org/model")).withHeader("Authorization", equalTo(TENANT_KEY)));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/model")).withHeader("Authorization", equalTo(KEY)));
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/org/model")).withHeader("provider-key", absent()));
	}

	@Test
	void aPerCallApiKeyIsMaskedInErrorsAndNeverShown() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(aResponse().withStatus(401)
			.withBody("{\"error\":\"Invalid key " + TENANT_KEY + "\",\"output\":null}")));
		BytezOptions options = BytezOptions.builder().apiKey(TENANT_KEY).build();
		assertThat(options.toString()).contains("apiKey=******").doesNotContain(TENANT_KEY);
		assertThat(options).isEqualTo(BytezOptions.builder().apiKey(TENANT_KEY).build())
			.isNotEqualTo(BytezOptions.defaults());
		StepVerifier.create(template().run("org/model", BytezInput.text("x"), options))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(BytezAuthenticationException.class);
				assertThat(error.getMessage()).doesNotContain(TENANT_KEY).contains("Invalid key ******");
				assertThat(((BytezApiException) error).getErrorMessage()).isEqualTo("Invalid key ******");
			})
			.verify(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "key\r\nX-Injected: 1", "key\ttab", "  " })
	void aPerCallApiKeyWithControlCharactersOrBlankIsRefusedWithoutShowingIt(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().apiKey(key))
			.withMessageContaining("apiKey")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("key\r").doesNotContain("key\t"));
	}

}
