package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezMediaSource;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionAssembler;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatContentPart;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.ChatTool;
import io.github.bytezspring.client.openai.ChatToolCall;
import io.github.bytezspring.client.openai.ChatToolChoice;
import io.github.bytezspring.client.openai.CompletionChunk;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesOutputItem;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI-compatible surface beyond plain text: content parts, tools and tool calls,
 * reasoning, streamed completions and responses, and every bad answer of a stream as a
 * typed exception.
 */
class BytezOpenAiTests {

	static final String KEY = "bz-key-openai-7a6b5c4d";

	static final String CHAT = "/models/v2/openai/v1/chat/completions";

	static final String COMPLETIONS = "/models/v2/openai/v1/completions";

	static final String RESPONSES = "/models/v2/openai/v1/responses";

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezOpenAi openAi;

	// one client per registry, so that no gauge is registered twice
	private BytezOpenAi openAi() {
		if (this.openAi == null) {
			this.openAi = openAi(bytez.baseUrl(), this.meters, Duration.ofSeconds(5));
		}
		return this.openAi;
	}

	private BytezOpenAi openAi(String baseUrl) {
		return openAi(baseUrl, new SimpleMeterRegistry(), Duration.ofMillis(500));
	}

	private static BytezOpenAi openAi(String baseUrl, SimpleMeterRegistry meters, Duration streamIdleTimeout) {
		return BytezTemplate.builder()
			.apiKey(KEY)
			.baseUrl(baseUrl)
			.meterRegistry(meters)
			.retryPolicy(BytezRetryPolicy.none())
			.streamIdleTimeout(streamIdleTimeout)
			.build()
			.openAi();
	}

	private static String completionJson(String message) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"Qwen/Qwen3-4B\","
				+ "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"stop\"}]}";
	}

	@Test
	void contentPartsAreSentInOpenAisShapeAndPlainTextStaysAString() {
		bytez.stubFor(post(CHAT).willReturn(okJson(completionJson("{\"role\":\"assistant\",\"content\":\"A cat.\"}"))));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		byte[] wav = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);

		ChatCompletion completion = openAi()
			.chatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.system("Be brief."),
					ChatMessage.user(ChatContentPart.text("What is this?"),
							ChatContentPart.image(BytezMediaSource.url("https://example.com/cat.jpg"), "low"),
							ChatContentPart.image(BytezMediaSource.bytes(png, MediaType.IMAGE_PNG)),
							ChatContentPart.audio(BytezMediaSource.bytes(wav, MediaType.parseMediaType("audio/wav"))),
							ChatContentPart.inputAudio("SUQz", "mp3"))))
			.block(TIMEOUT);

		assertThat(completion.content()).isEqualTo("A cat.");
		String pngBase64 = Base64.getEncoder().encodeToString(png);
		String wavBase64 = Base64.getEncoder().encodeToString(wav);
		bytez.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"model":"Qwen/Qwen3-4B","messages":[
				  {"role":"system","content":"Be brief."},
				  {"role":"user","content":[
				    {"type":"text","text":"What is this?"},
				    {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"low"}},
				    {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
				    {"type":"input_audio","input_audio":{"data":"%s","format":"wav"}},
				    {"type":"input_audio","input_audio":{"data":"SUQz","format":"mp3"}}]}]}""".formatted(pngBase64,
				wavBase64), false, false)));
	}

	@Test
	void toolsAndToolChoiceAreSentAndTheToolCallsAndReasoningOfTheAnswerAreRead() {
		bytez.stubFor(post(CHAT).willReturn(okJson(completionJson("""
				{"role":"assistant","content":null,"reasoning_content":"The user wants the weather.",
				 "tool_calls":[{"id":"call_1","type":"function",
				                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}""")
			.replace("\"stop\"", "\"tool_calls\""))));
		ChatTool weather = ChatTool.function("get_weather", "The current weather in a city", Map.of("type", "object",
				"properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

		ChatCompletion completion = openAi()
			.chatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Weather in Paris?"))
				.withTools(weather)
				.withToolChoice(ChatToolChoice.function("get_weather")))
			.block(TIMEOUT);

		assertThat(completion.choices().get(0).finishReason()).isEqualTo("tool_calls");
		assertThat(completion.content()).isNull();
		assertThat(completion.reasoningContent()).isEqualTo("The user wants the weather.");
		assertThat(completion.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.id()).isEqualTo("call_1");
			assertThat(call.type()).isEqualTo("function");
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
		bytez.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(
				"""
						{"model":"Qwen/Qwen3-4B","messages":[{"role":"user","content":"Weather in Paris?"}],
						 "tools":[{"type":"function","function":{"name":"get_weather","description":"The current weather in a city",
						           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
						 "tool_choice":{"type":"function","function":{"name":"get_weather"}}}""",
				false, false)));
	}

	@Test
	void theAnswerThatCalledAToolAndTheToolsResultGoBackInOpenAisShape() {
		bytez.stubFor(post(CHAT).willReturn(okJson(completionJson("{\"role\":\"assistant\",\"content\":\"21 °C.\"}"))));
		ChatMessage answer = new ChatMessage("assistant", null, null,
				List.of(ChatToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}")), null, "thinking");

		ChatCompletion completion = openAi()
			.chatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Weather in Paris?"))
				.withMessages(answer.withoutReasoning(), ChatMessage.tool("call_1", "{\"temp\":21}"))
				.withTools(ChatTool.function("get_weather", null, (Map<String, ?>) null))
				.withToolChoice(ChatToolChoice.auto()))
			.block(TIMEOUT);

		assertThat(completion.content()).isEqualTo("21 °C.");
		assertThat(completion.toolCalls()).isEmpty();
		bytez.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"model":"Qwen/Qwen3-4B","messages":[
				  {"role":"user","content":"Weather in Paris?"},
				  {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
				    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				  {"role":"tool","content":"{\\"temp\\":21}","tool_call_id":"call_1"}],
				 "tools":[{"type":"function","function":{"name":"get_weather"}}],
				 "tool_choice":"auto"}""", false, false)));
	}

	@Test
	void toolsBytezRefusesFailWithTheTypedErrorOfItsAnswer() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"tools are not supported for this model\",\"output\":null}")));
		bytez.stubFor(post(RESPONSES).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Unauthorized\",\"output\":null}")));
		ChatCompletionRequest request = ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi"))
			.withTools(ChatTool.function("noop", "Does nothing", (Map<String, ?>) null));

		StepVerifier.create(openAi().chatCompletion(request))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("failed with HTTP 400: tools are not supported for this model")
				.satisfies((ex) -> {
					assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(400);
					assertThat(((BytezApiException) ex).getErrorMessage())
						.isEqualTo("tools are not supported for this model");
				}));
		StepVerifier.create(openAi().streamChatCompletion(request))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("stream-chat-completions")
				.hasMessageContaining("tools are not supported"));
		StepVerifier
			.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "Hi")
				.withParam("tools", List.of(Map.of("type", "function", "name", "noop")))))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezAuthenticationException.class)
				.hasMessageContaining("Unauthorized"));
	}

	@Test
	void streamedToolCallFragmentsAndReasoningAreAssembledIntoOneCompletion() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(
					"""
							data: {"id":"c2","created":7,"model":"Qwen/Qwen3-4B","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"The user wants "}}]}

							data: {"id":"c2","choices":[{"index":0,"delta":{"reasoning_content":"weather."}}]}

							data: {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}

							data: {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}}]}

							data: {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}},{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}

							data: {"id":"c2","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

							data: {"id":"c2","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}}

							data: [DONE]

							""")
			.withChunkedDribbleDelay(11, 110)));

		List<ChatCompletionChunk> chunks = openAi()
			.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Weather?"))
				.withTools(ChatTool.function("get_weather", null, (Map<String, ?>) null)))
			.collectList()
			.block(TIMEOUT);

		assertThat(chunks).hasSize(7);
		assertThat(chunks.get(0).reasoningContent()).isEqualTo("The user wants ");
		assertThat(chunks.get(2).toolCalls()).singleElement().satisfies((piece) -> {
			assertThat(piece.index()).isZero();
			assertThat(piece.id()).isEqualTo("call_1");
			assertThat(piece.function().name()).isEqualTo("get_weather");
		});
		assertThat(chunks.get(3).toolCalls().get(0).function().arguments()).isEqualTo("{\"city\":");
		ChatCompletion completion = ChatCompletionAssembler.assemble(chunks);
		assertThat(completion.id()).isEqualTo("c2");
		assertThat(completion.created()).isEqualTo(7);
		assertThat(completion.model()).isEqualTo("Qwen/Qwen3-4B");
		assertThat(completion.reasoningContent()).isEqualTo("The user wants weather.");
		assertThat(completion.content()).isNull();
		assertThat(completion.choices().get(0).finishReason()).isEqualTo("tool_calls");
		assertThat(completion.choices().get(0).message().role()).isEqualTo("assistant");
		assertThat(completion.toolCalls()).extracting(ChatToolCall::id, ChatToolCall::name, ChatToolCall::arguments)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("call_1", "get_weather", "{\"city\":\"Paris\"}"),
					org.assertj.core.groups.Tuple.tuple("call_2", "get_time", "{}"));
		assertThat(completion.usage().totalTokens()).isEqualTo(29);
		assertThat(this.meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "output", "bytez.operation", "stream-chat-completions")
			.counter()
			.count()).isEqualTo(9);
		StepVerifier
			.create(Flux.fromIterable(chunks)
				.reduceWith(ChatCompletionAssembler::new, ChatCompletionAssembler::add)
				.map(ChatCompletionAssembler::completion)
				.map(ChatCompletion::toolCalls))
			.assertNext((calls) -> assertThat(calls).hasSize(2))
			.verifyComplete();
	}

	@Test
	void aWholeCompletionSentInsteadOfAStreamIsOneChunkWithItsToolCalls() {
		bytez.stubFor(post(CHAT).willReturn(okJson(completionJson(
				"""
						{"role":"assistant","tool_calls":[{"id":"call_9","type":"function","function":{"name":"f","arguments":"{}"}}]}"""))));

		List<ChatCompletionChunk> chunks = openAi()
			.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("x")))
			.collectList()
			.block(TIMEOUT);

		assertThat(chunks).singleElement()
			.satisfies((chunk) -> assertThat(chunk.toolCalls().get(0).id()).isEqualTo("call_9"));
		assertThat(ChatCompletionAssembler.assemble(chunks).toolCalls().get(0).name()).isEqualTo("f");
	}

	@Test
	void streamedCompletionsAreTypedChunksEndedByDone() {
		bytez.stubFor(post(COMPLETIONS).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(
					"""
							data: {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":" there","finish_reason":null}]}

							data: {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":" was\\n東京","finish_reason":null}]}

							data: {"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":"","finish_reason":"length"}]}

							data: {"id":"cmpl-1","object":"text_completion","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7}}

							data: [DONE]

							""")
			.withChunkedDribbleDelay(9, 90)));

		List<CompletionChunk> chunks = openAi()
			.streamCompletion(CompletionRequest.of("openai-community/gpt2", "Once upon a time").withMaxTokens(3))
			.collectList()
			.block(TIMEOUT);

		assertThat(chunks).hasSize(4);
		assertThat(chunks.stream().map(CompletionChunk::text).reduce("", String::concat)).isEqualTo(" there was\n東京");
		assertThat(chunks.get(2).finishReason()).isEqualTo("length");
		assertThat(chunks.get(3).usage().completionTokens()).isEqualTo(3);
		assertThat(this.meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "input", "bytez.operation", "stream-completions")
			.counter()
			.count()).isEqualTo(4);
		bytez.verify(postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(equalToJson(
				"{\"model\":\"openai-community/gpt2\",\"prompt\":\"Once upon a time\",\"max_tokens\":3,\"stream\":true}",
				false, false)));
	}

	static final String RESPONSE_EVENTS = """
			event: response.created
			data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":11,"model":"openai/gpt-4o-mini","status":"in_progress","output":[]}}

			event: response.output_item.added
			data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}

			event: response.output_text.delta
			data: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel"}

			event: response.output_text.delta
			data: {"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo 🌍"}

			event: response.output_text.done
			data: {"type":"response.output_text.done","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hello 🌍"}

			event: response.completed
			data: {"type":"response.completed","sequence_number":5,"response":{"id":"resp_1","object":"response","created_at":11,"model":"openai/gpt-4o-mini","status":"completed","output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello 🌍","annotations":[]}]}],"usage":{"input_tokens":4,"output_tokens":3,"total_tokens":7}}}

			""";

	@Test
	void streamedResponsesAreTypedEventsFromCreatedToCompleted() {
		bytez.stubFor(post(RESPONSES).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(RESPONSE_EVENTS)
			.withChunkedDribbleDelay(13, 130)));

		List<ResponsesStreamEvent> events = openAi()
			.streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "Say hello").withParam("max_output_tokens", 16))
			.collectList()
			.block(TIMEOUT);

		assertThat(events).extracting(ResponsesStreamEvent::type)
			.containsExactly("response.created", "response.output_item.added", "response.output_text.delta",
					"response.output_text.delta", "response.output_text.done", "response.completed");
		assertThat(events.stream().map(ResponsesStreamEvent::textDelta).reduce("", String::concat))
			.isEqualTo("Hello 🌍");
		assertThat(events.get(0).response().status()).isEqualTo("in_progress");
		assertThat(events.get(1).item().type()).isEqualTo("message");
		assertThat(events.get(2).itemId()).isEqualTo("msg_1");
		assertThat(events.get(2).sequenceNumber()).isEqualTo(2);
		assertThat(events.get(4).text()).isEqualTo("Hello 🌍");
		ResponsesStreamEvent last = events.get(5);
		assertThat(last.isFinal()).isTrue();
		assertThat(last.response().outputText()).isEqualTo("Hello 🌍");
		assertThat(last.response().created()).isEqualTo(11);
		assertThat(last.response().usage().outputTokens()).isEqualTo(3);
		assertThat(last.response().raw().get("status").stringValue()).isEqualTo("completed");
		assertThat(last.raw().get("sequence_number").intValue()).isEqualTo(5);
		assertThat(this.meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "output", "bytez.operation", "stream-responses")
			.counter()
			.count()).isEqualTo(3);
		bytez.verify(postRequestedFor(urlEqualTo(RESPONSES)).withRequestBody(equalToJson(
				"{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Say hello\",\"max_output_tokens\":16,\"stream\":true}",
				false, false)));
	}

	@Test
	void aResponsesStreamWithoutTypesInItsDataTakesTheEventNamesAndEndsAtDone() {
		bytez
			.stubFor(post(RESPONSES).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					event: response.output_text.delta
					data: {"delta":"Hi"}

					event: response.completed
					data: {"response":{"id":"r","status":"completed","output_text":"Hi"}}

					event: response.output_text.delta
					data: {"delta":"never read"}

					data: [DONE]

					""")));

		StepVerifier.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.assertNext((event) -> assertThat(event.textDelta()).isEqualTo("Hi"))
			.assertNext((event) -> assertThat(event.response().outputText()).isEqualTo("Hi"))
			.verifyComplete();
	}

	@Test
	void aWholeResponseSentInsteadOfAStreamIsItsCompletedEvent() {
		bytez.stubFor(post(RESPONSES).willReturn(okJson(
				"{\"id\":\"r1\",\"object\":\"response\",\"status\":\"completed\",\"output_text\":\"all at once\"}")));

		StepVerifier.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.assertNext((event) -> {
				assertThat(event.type()).isEqualTo("response.completed");
				assertThat(event.response().outputText()).isEqualTo("all at once");
			})
			.verifyComplete();
	}

	@Test
	void responsesAreTypedWithReasoningAndFunctionCallItemsAndTheirOutputTextDerived() {
		bytez.stubFor(post(RESPONSES).willReturn(
				okJson("""
						{"id":"resp_2","object":"response","created_at":1732600000,"model":"openai/o4-mini","status":"completed",
						 "output":[
						   {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Thinking about "},{"type":"summary_text","text":"Paris."}]},
						   {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}","status":"completed"},
						   {"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"It is "},{"type":"output_text","text":"sunny."}]}],
						 "usage":{"input_tokens":9,"output_tokens":5,"total_tokens":14,"output_tokens_details":{"reasoning_tokens":2}},
						 "extra":"kept"}""")));

		ResponsesResult result = openAi().responses(ResponsesRequest.of("openai/o4-mini", "Weather?")).block(TIMEOUT);

		assertThat(result.id()).isEqualTo("resp_2");
		assertThat(result.created()).isEqualTo(1732600000L);
		assertThat(result.status()).isEqualTo("completed");
		assertThat(result.output()).extracting(ResponsesOutputItem::type)
			.containsExactly("reasoning", "function_call", "message");
		assertThat(result.output().get(0).summaryText()).isEqualTo("Thinking about Paris.");
		assertThat(result.functionCalls()).singleElement().satisfies((call) -> {
			assertThat(call.callId()).isEqualTo("call_1");
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
		assertThat(result.outputText()).isEqualTo("It is sunny.");
		assertThat(result.usage().totalTokens()).isEqualTo(14);
		assertThat(result.raw().get("extra").stringValue()).isEqualTo("kept");
		assertThat(result.raw().at("/usage/output_tokens_details/reasoning_tokens").intValue()).isEqualTo(2);
	}

	@Test
	void answersOfTheWrongShapeAreInvalidResponses() {
		bytez.stubFor(post(CHAT).willReturn(okJson(completionJson("{\"role\":\"assistant\",\"content\":5}"))));
		bytez.stubFor(post(RESPONSES).willReturn(okJson("{\"id\":\"r\",\"output\":\"not a list\"}")));
		bytez.stubFor(post(COMPLETIONS)
			.willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>Bad gateway</html>")));

		StepVerifier.create(openAi().chatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("x"))))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("not a ChatCompletion"))
			.verify(TIMEOUT);
		StepVerifier.create(openAi().responses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("not a ResponsesResult"))
			.verify(TIMEOUT);
		StepVerifier.create(openAi().completion(CompletionRequest.of("openai-community/gpt2", "x")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("not JSON"))
			.verify(TIMEOUT);
	}

	// bad answers of every stream

	static Stream<Arguments> streams() {
		return Stream.of(
				Arguments.of(CHAT,
						(Function<BytezOpenAi, Flux<?>>) (openAi) -> openAi
							.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("x")))),
				Arguments.of(COMPLETIONS,
						(Function<BytezOpenAi, Flux<?>>) (openAi) -> openAi
							.streamCompletion(CompletionRequest.of("openai-community/gpt2", "x"))),
				Arguments.of(RESPONSES, (Function<BytezOpenAi, Flux<?>>) (openAi) -> openAi
					.streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void anHtmlPageInsteadOfEventsIsAnInvalidResponse(String path, Function<BytezOpenAi, Flux<?>> call) {
		bytez.stubFor(post(path).willReturn(aResponse().withHeader("Content-Type", "text/html")
			.withBody("<html><body>502 Bad Gateway</body></html>")));

		StepVerifier.create(call.apply(openAi()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("HTML page")
				.hasMessageContaining("502 Bad Gateway"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void anEventThatIsNotJsonIsAnInvalidResponse(String path, Function<BytezOpenAi, Flux<?>> call) {
		bytez.stubFor(post(path).willReturn(
				aResponse().withHeader("Content-Type", "text/event-stream").withBody("data: {\"choices\":[\n\n")));

		StepVerifier.create(call.apply(openAi()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("with an event that is not JSON"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void anErrorInAnEventIsATypedException(String path, Function<BytezOpenAi, Flux<?>> call) {
		bytez.stubFor(post(path).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}\n\n")));

		StepVerifier.create(call.apply(openAi()))
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("model overloaded"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void anErrorInA200JsonAnswerIsATypedException(String path, Function<BytezOpenAi, Flux<?>> call) {
		bytez.stubFor(post(path).willReturn(okJson("{\"error\":\"Model failed to load\",\"output\":null}")));

		StepVerifier.create(call.apply(openAi()))
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("Model failed to load"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void aConnectionCutMidStreamIsAnErrorNotACompletion(String path, Function<BytezOpenAi, Flux<?>> call)
			throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			writeEventStreamHeaders(out);
			RawHttpServer.writeChunk(out,
					"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"text\":\"Hi\"}],"
							+ "\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n");
			// close without the terminating zero-length chunk
		}, false)) {
			StepVerifier.create(call.apply(openAi(server.baseUrl())))
				.expectNextCount(1)
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTransportException.class))
				.verify(TIMEOUT);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void aStreamThatStallsIsATimeoutAndClosesTheConnection(String path, Function<BytezOpenAi, Flux<?>> call)
			throws Exception {
		try (RawHttpServer server = new RawHttpServer((out) -> {
			writeEventStreamHeaders(out);
			RawHttpServer.writeChunk(out,
					"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"text\":\"Hi\"}],"
							+ "\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n");
			// then nothing
		}, true)) {
			StepVerifier.create(call.apply(openAi(server.baseUrl())))
				.expectNextCount(1)
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
					.hasMessageContaining("streamIdleTimeout"))
				.verify(TIMEOUT);
			assertThat(server.awaitClientClosed(2, TimeUnit.SECONDS)).as("client closed the connection").isTrue();
		}
	}

	@Test
	void aResponsesStreamThatEndsBeforeItsFinalEventIsAnInvalidResponse() {
		bytez.stubFor(post(RESPONSES).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}\n\n")));

		StepVerifier.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.expectNextCount(1)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("ended before its final event"))
			.verify(TIMEOUT);
	}

	@Test
	void failedResponsesAndErrorEventsAreTypedExceptions() {
		bytez.stubFor(post(RESPONSES).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(
					"""
							data: {"type":"response.created","response":{"id":"r","status":"in_progress"}}

							data: {"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"The model crashed"}}}

							""")));
		StepVerifier.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.expectNextCount(1)
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("The model crashed"))
			.verify(TIMEOUT);

		bytez.stubFor(post(RESPONSES).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(
					"event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit\",\"message\":\"Slow down\"}\n\n")));
		StepVerifier.create(openAi().streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "x")))
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("Slow down"))
			.verify(TIMEOUT);
	}

	@Test
	void aChatStreamWithoutAnyEventIsAnInvalidResponse() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("")));

		StepVerifier
			.create(openAi().streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("x"))))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("without any event"))
			.verify(TIMEOUT);
	}

	private static void writeEventStreamHeaders(java.io.OutputStream out) throws java.io.IOException {
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
