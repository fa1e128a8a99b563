package io.github.bytezspring.client;

import io.github.bytezspring.client.cluster.BytezCluster;
import io.github.bytezspring.client.cluster.BytezClusterCapacity;
import io.github.bytezspring.client.cluster.BytezClusterUpdate;
import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezContent;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMediaSource;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezOutput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Closed models, the catalogue, clusters, the OpenAI-compatible calls and self-hosted
 * containers.
 */
class BytezApiSurfaceTests {

	static final String KEY = "bz-key-9f8e7d6c5b4a";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	@RegisterExtension
	static WireMockExtension container = BytezWireMock.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplateBuilder builder() {
		return BytezTemplate.builder()
			.apiKey(KEY)
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.none());
	}

	@ParameterizedTest
	@ValueSource(strings = { "openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest", "google/gemini-2.0-flash",
			"mistral/mistral-small-latest", "cohere/command-r" })
	void closedModelsGetTheProviderKeyAndTheirOwnParamsUntouched(String modelId) {
		bytez.stubFor(post("/models/v2/" + modelId).willReturn(okJson(
				"{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"provider\":{\"id\":\"raw-1\",\"model\":\""
						+ modelId + "\"}}")));
		BytezOptions options = BytezOptions.builder()
			.providerKey("sk-provider-" + modelId.hashCode())
			.param("max_tokens", 64)
			.param("response_format", Map.of("type", "json_object"))
			.param("stop_sequences", List.of("\n\n"))
			.build();

		BytezResponse response = builder().build()
			.run(modelId, BytezInput.messages(BytezMessage.user("Hi")), options)
			.block(Duration.ofSeconds(5));

		assertThat(response.outputText()).isEqualTo("Hi");
		assertThat(response.provider().get("id").stringValue()).isEqualTo("raw-1");
		assertThat(response.provider().get("model").stringValue()).isEqualTo(modelId);
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/" + modelId)).withHeader("Authorization", equalTo(KEY))
			.withHeader("provider-key", equalTo("sk-provider-" + modelId.hashCode()))
			.withRequestBody(equalToJson(
					"""
							{"messages":[{"role":"user","content":"Hi"}],
							 "params":{"max_tokens":64,"response_format":{"type":"json_object"},"stop_sequences":["\\n\\n"]}}""",
					false, false)));
	}

	@Test
	void typedRunsAndChatReadTheOutputShape() {
		bytez.stubFor(post("/models/v2/google/vit-base-patch16-224").willReturn(okJson(
				"{\"error\":null,\"output\":[{\"label\":\"beagle\",\"score\":0.54},{\"label\":\"tabby\",\"score\":0.03}]}")));
		bytez.stubFor(post("/models/v2/Qwen/Qwen3-4B")
			.willReturn(okJson("{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Arr\"}}")));
		BytezTemplate template = builder().build();

		StepVerifier
			.create(template.run("google/vit-base-patch16-224", BytezInput.url("https://example.com/d.jpg"),
					BytezOutput.LABELS))
			.assertNext(
					(labels) -> assertThat(labels).extracting(io.github.bytezspring.client.model.output.Label::label)
						.containsExactly("beagle", "tabby"))
			.verifyComplete();
		StepVerifier.create(template.chat("Qwen/Qwen3-4B", BytezMessage.user("Hi")))
			.expectNext(BytezMessage.assistant("Arr"))
			.verifyComplete();
	}

	@Test
	void inlineMediaLargerThanTheBoundIsRejectedBeforeAnyRequest() {
		BytezTemplate template = builder().maxInlineMediaSize(org.springframework.util.unit.DataSize.ofKilobytes(1))
			.build();
		BytezInput twoKilobytes = BytezInput.base64(new byte[2048], org.springframework.http.MediaType.IMAGE_PNG);

		assertThatIllegalArgumentException().isThrownBy(() -> template.run("org/model", twoKilobytes))
			.withMessageContaining("(maxInlineMediaSize)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template.stream("org/model",
					BytezInput.messages(BytezMessage.user(BytezContent.text("What is it?"),
							BytezContent.image(BytezMediaSource.bytes(new byte[4096],
									org.springframework.http.MediaType.IMAGE_JPEG))))))
			.withMessageContaining("(maxInlineMediaSize)");
		assertThat(bytez.getAllServeEvents()).isEmpty();
	}

	@Test
	void findModelAsksForOneModelAndIsEmptyWhenUnknown() {
		bytez.stubFor(get("/models/v2/list/models?modelId=Qwen/Qwen3-4B").willReturn(okJson(
				"{\"error\":null,\"output\":[{\"modelId\":\"Qwen/Qwen3-4B\",\"task\":\"chat\",\"params\":4.02,\"ramRequired\":16,\"meter\":\"sm\",\"meterPrice\":\"1\"}]}")));
		bytez.stubFor(get("/models/v2/list/models?modelId=nobody/nothing")
			.willReturn(okJson("{\"error\":null,\"output\":[]}")));
		BytezTemplate template = builder().build();

		StepVerifier.create(template.findModel("Qwen/Qwen3-4B").map(BytezModelInfo::task))
			.expectNext("chat")
			.verifyComplete();
		StepVerifier.create(template.findModel("nobody/nothing")).verifyComplete();
		assertThatIllegalArgumentException().isThrownBy(() -> template.findModel("no-slash"));
	}

	@Test
	void clustersAreListedReadCreatedUpdatedAndDeleted() {
		String cluster = "{\"modelId\":\"Qwen/Qwen3-4B\",\"status\":\"on\",\"created\":\"2026-11-26T10:00:00Z\","
				+ "\"modified\":\"2026-11-26T10:05:00Z\",\"timeout\":30,\"capacity\":{\"min\":0,\"desired\":1,\"max\":2},"
				+ "\"instances\":1,\"inferences\":12,\"lastInference\":\"2026-11-26T10:04:00Z\"}";
		bytez.stubFor(
				get("/models/v2/list/clusters").willReturn(okJson("{\"error\":null,\"output\":[" + cluster + "]}")));
		bytez
			.stubFor(get("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":" + cluster + "}")));
		bytez
			.stubFor(put("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":" + cluster + "}")));
		bytez.stubFor(
				patch("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":" + cluster + "}")));
		bytez.stubFor(delete("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":null}")));
		BytezClusters clusters = builder().build().clusters();

		BytezCluster expected = new BytezCluster("Qwen/Qwen3-4B", "on", "2026-11-26T10:00:00Z", "2026-11-26T10:05:00Z",
				30, new BytezClusterCapacity(0, 1, 2), 1, 12L, "2026-11-26T10:04:00Z");
		StepVerifier.create(clusters.list()).expectNext(List.of(expected)).verifyComplete();
		StepVerifier.create(clusters.get("Qwen/Qwen3-4B")).expectNext(expected).verifyComplete();
		StepVerifier.create(clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(0, 1, 2), 30))
			.expectNext(expected)
			.verifyComplete();
		StepVerifier
			.create(clusters.update("Qwen/Qwen3-4B",
					BytezClusterUpdate.capacity(BytezClusterCapacity.of(1, 1, 3)).withTimeoutMinutes(60)))
			.expectNext(expected)
			.verifyComplete();
		StepVerifier.create(clusters.update("Qwen/Qwen3-4B", BytezClusterUpdate.off()))
			.expectNext(expected)
			.verifyComplete();
		StepVerifier.create(clusters.delete("Qwen/Qwen3-4B")).verifyComplete();

		bytez.verify(getRequestedFor(urlEqualTo("/models/v2/list/clusters")).withHeader("Authorization", equalTo(KEY)));
		bytez.verify(putRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B")).withRequestBody(
				equalToJson("{\"capacity\":{\"min\":0,\"desired\":1,\"max\":2},\"timeout\":30}", false, false)));
		bytez.verify(patchRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B")).withRequestBody(
				equalToJson("{\"capacity\":{\"min\":1,\"desired\":1,\"max\":3},\"timeout\":60}", false, false)));
		bytez.verify(patchRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B"))
			.withRequestBody(equalToJson("{\"status\":\"off\"}", false, false)));
		bytez.verify(1, deleteRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B")));
	}

	@Test
	void clusterSettingsAreValidatedBeforeAnyRequest() {
		BytezClusters clusters = builder().build().clusters();

		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterCapacity.of(2, 1, 3))
			.withMessageContaining("0 <= min <= desired <= max");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterCapacity.of(-1, 0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterCapacity.of(0, 3, 2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(0, 1, 1), 0))
			.withMessageContaining("1 to 1440");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(0, 1, 1), 1441));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> clusters.create("Qwen/Qwen3-4B", new BytezClusterCapacity(3, 2, 1), 5));
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterUpdate.timeoutMinutes(2000));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> clusters.update("Qwen/Qwen3-4B", new BytezClusterUpdate(null, null, null)));
		assertThatIllegalArgumentException().isThrownBy(() -> clusters.delete("../x"));
		assertThat(bytez.getAllServeEvents()).isEmpty();
	}

	@Test
	void chatCompletionsAreTypedAndCountTokens() {
		bytez.stubFor(post("/models/v2/openai/v1/chat/completions").willReturn(okJson("""
				{"id":"chatcmpl-1","object":"chat.completion","created":1732600000,"model":"Qwen/Qwen3-4B",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""")));

		ChatCompletion completion = builder().providerKey("sk-prov")
			.build()
			.openAi()
			.chatCompletion(ChatCompletionRequest
				.of("Qwen/Qwen3-4B", ChatMessage.system("Be brief."), ChatMessage.user("Capital of France?"))
				.withMaxCompletionTokens(32)
				.withTemperature(0.2))
			.block(Duration.ofSeconds(5));

		assertThat(completion.content()).isEqualTo("Paris.");
		assertThat(completion.choices().get(0).finishReason()).isEqualTo("stop");
		assertThat(completion.usage().totalTokens()).isEqualTo(15);
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter().count())
			.isEqualTo(12);
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/v1/chat/completions"))
			.withHeader("Authorization", equalTo(KEY))
			.withHeader("provider-key", equalTo("sk-prov"))
			.withRequestBody(equalToJson(
					"""
							{"model":"Qwen/Qwen3-4B","max_completion_tokens":32,"temperature":0.2,
							 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Capital of France?"}]}""",
					false, false)));
	}

	@Test
	void streamedChatCompletionsEndAtDone() {
		String events = """
				data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}

				data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo\\nwor"}}]}

				data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ld"},"finish_reason":"stop"}]}

				data: [DONE]

				""";
		bytez.stubFor(post("/models/v2/openai/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(events)
				.withChunkedDribbleDelay(5, 100)));

		List<ChatCompletionChunk> chunks = builder().build()
			.openAi()
			.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi")))
			.collectList()
			.block(Duration.ofSeconds(5));

		assertThat(chunks).hasSize(3);
		assertThat(chunks.stream().map(ChatCompletionChunk::content).reduce("", String::concat))
			.isEqualTo("Hello\nworld");
		assertThat(chunks.get(2).choices().get(0).finishReason()).isEqualTo("stop");
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/v1/chat/completions"))
			.withRequestBody(equalToJson("{\"model\":\"Qwen/Qwen3-4B\",\"stream\":true}", false, true)));
	}

	@Test
	void anErrorEventInTheStreamIsATypedException() {
		bytez.stubFor(post("/models/v2/openai/v1/chat/completions").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
					+ "data: {\"error\":{\"message\":\"context length exceeded\",\"type\":\"invalid_request_error\"}}\n\n")));

		StepVerifier
			.create(builder().build()
				.openAi()
				.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi")))
				.map(ChatCompletionChunk::content))
			.expectNext("Hi")
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("context length exceeded"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void textCompletionsAndResponses() {
		bytez.stubFor(post("/models/v2/openai/v1/completions").willReturn(okJson(
				"{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" there was\",\"finish_reason\":\"length\"}]}")));
		bytez.stubFor(post("/models/v2/openai/v1/responses").willReturn(okJson("""
				{"id":"resp-1","object":"response","created":1,"model":"openai/gpt-4o-mini",
				 "output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi!"}]}],
				 "output_text":"Hi!","usage":{"input_tokens":5,"output_tokens":2}}""")));
		BytezOpenAi openAi = builder().build().openAi();

		StepVerifier
			.create(openAi
				.completion(CompletionRequest.of("openai-community/gpt2", "Once upon a time").withMaxTokens(5))
				.map(io.github.bytezspring.client.openai.Completion::text))
			.expectNext(" there was")
			.verifyComplete();
		ResponsesResult result = openAi
			.responses(ResponsesRequest.of("openai/gpt-4o-mini", "Say hi").withParam("max_output_tokens", 16))
			.block(Duration.ofSeconds(5));

		assertThat(result.outputText()).isEqualTo("Hi!");
		assertThat(result.output().get(0).type()).isEqualTo("message");
		assertThat(result.output().get(0).text()).isEqualTo("Hi!");
		assertThat(result.raw().get("output").get(0).get("type").stringValue()).isEqualTo("message");
		assertThat(this.meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "output", "bytez.operation", "responses")
			.counter()
			.count()).isEqualTo(2);
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/v1/completions")).withRequestBody(
				equalToJson("{\"model\":\"openai-community/gpt2\",\"prompt\":\"Once upon a time\",\"max_tokens\":5}",
						false, false)));
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/v1/responses")).withRequestBody(equalToJson(
				"{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Say hi\",\"max_output_tokens\":16}", false, false)));
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesRequest.of("m/x", "a").withParam("stream", true))
			.withMessageContaining("'stream'");
	}

	@Test
	void aSelfHostedModelIsCalledAtItsContainerWithoutKeys() {
		container.stubFor(post("/run").willReturn(okJson("{\"error\":null,\"output\":\"from the container\"}")));
		bytez.stubFor(post("/models/v2/org/hosted").willReturn(okJson("{\"error\":null,\"output\":\"from Bytez\"}")));
		BytezTemplate template = builder().providerKey("sk-p")
			.endpoint("openai-community/gpt2", container.baseUrl() + "/")
			.build();

		StepVerifier
			.create(template
				.run("openai-community/gpt2", BytezInput.text("Hello"), BytezOptions.builder().maxNewTokens(5).build())
				.map(BytezResponse::outputText))
			.expectNext("from the container")
			.verifyComplete();
		StepVerifier.create(template.run("org/hosted", BytezInput.text("Hello")).map(BytezResponse::outputText))
			.expectNext("from Bytez")
			.verifyComplete();

		container.verify(1, postRequestedFor(urlEqualTo("/run")).withHeader("Authorization", absent())
			.withHeader("provider-key", absent())
			.withRequestBody(equalToJson("{\"text\":\"Hello\",\"params\":{\"max_new_tokens\":5}}", false, false)));
		bytez.verify(1,
				postRequestedFor(urlEqualTo("/models/v2/org/hosted")).withHeader("Authorization", equalTo(KEY)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").endpoint("a/b", "localhost:80").build())
			.withMessageContaining("endpoint URL of 'a/b'");
	}

	@Test
	void aContainerStreamsTooWithTheSameBody() {
		container
			.stubFor(post("/run").willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("tok tok")));
		BytezTemplate template = builder().endpoint("openai-community/gpt2", container.baseUrl()).build();

		StepVerifier.create(template.stream("openai-community/gpt2", BytezInput.text("Hi")).reduce("", String::concat))
			.expectNext("tok tok")
			.verifyComplete();
		container.verify(postRequestedFor(urlEqualTo("/run"))
			.withRequestBody(equalToJson("{\"text\":\"Hi\",\"stream\":true}", false, false)));
	}

}
