package io.github.bytezspring.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezApiException;
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
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the snippets of {@code docs/openai-compatible.md} beyond plain chat: content
 * parts, tools, reasoning and the streamed completions and responses, run against the
 * stub.
 */
@ExtendWith(BytezStubExtension.class)
class OpenAiSnippetsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BytezStubServer stub;

	private final BytezOpenAi openAi;

	OpenAiSnippetsTests(BytezStubServer stub) {
		this.stub = stub;
		this.stub.streamPacing(StreamPacing.chunks(3).every(Duration.ofMillis(5)));
		this.openAi = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build().openAi();
	}

	/**
	 * The pages' readers run their code against the strict stub of
	 * {@code @AutoConfigureBytezStub}, which refuses a field the model's task does not
	 * take; so do these tests (the extension resets the stub, and with it strict mode,
	 * before each test).
	 */
	@BeforeEach
	void strict() {
		this.stub.strict(true);
	}

	@Test
	void openAiContentParts(@TempDir Path dir) throws Exception {
		Files.write(dir.resolve("dog.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Files.write(dir.resolve("question.wav"), "RIFF....WAVE".getBytes());
		Path photos = dir;
		this.stub.answerText("google/gemma-3-4b-it", "A cat and a dog.");

		ChatMessage question = ChatMessage.user(ChatContentPart.text("What is in these pictures?"),
				ChatContentPart.image(BytezMediaSource.url("https://example.com/cat.jpg"), "low"),
				ChatContentPart.image(BytezMediaSource.file(photos.resolve("dog.png")))); // inline,
																							// as
																							// a
																							// data
																							// URL
		Mono<ChatCompletion> answer = this.openAi
			.chatCompletion(ChatCompletionRequest.of("google/gemma-3-4b-it", question));

		ChatMessage spoken = ChatMessage.user(ChatContentPart.text("Answer the question."),
				ChatContentPart.audio(BytezMediaSource.file(photos.resolve("question.wav")))); // input_audio,
																								// format
																								// wav

		assertThat(answer.block(TIMEOUT).content()).isEqualTo("A cat and a dog.");
		JsonNode content = this.stub.lastRequest("google/gemma-3-4b-it").json().at("/messages/0/content");
		assertThat(content.get(1).at("/image_url/url").stringValue()).isEqualTo("https://example.com/cat.jpg");
		assertThat(content.get(1).at("/image_url/detail").stringValue()).isEqualTo("low");
		assertThat(content.get(2).at("/image_url/url").stringValue()).startsWith("data:image/png;base64,");
		ChatCompletion heard = this.openAi
			.chatCompletion(ChatCompletionRequest.of("Qwen/Qwen2-Audio-7B-Instruct", spoken))
			.block(TIMEOUT);
		assertThat(heard.content()).isNotBlank();
		JsonNode audio = this.stub.lastRequest("Qwen/Qwen2-Audio-7B-Instruct").json().at("/messages/0/content/1");
		assertThat(audio.get("type").stringValue()).isEqualTo("input_audio");
		assertThat(audio.at("/input_audio/format").stringValue()).isEqualTo("wav");
	}

	@Test
	void openAiTools() {
		ChatTool weather = ChatTool.function("get_weather", "The current weather in a city", Map.of("type", "object",
				"properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
		ChatCompletionRequest request = ChatCompletionRequest
			.of("Qwen/Qwen3-4B", ChatMessage.user("What is the weather in Paris?"))
			.withTools(weather)
			.withToolChoice(ChatToolChoice.auto());

		ChatCompletion first = this.openAi.chatCompletion(request).block();
		ChatToolCall call = first.toolCalls().get(0); // call.name(), call.arguments()
		String result = "{\"temperature\":21}"; // run the tool with call.arguments()

		ChatCompletion last = this.openAi.chatCompletion(request.withMessages(first.choices().get(0).message(), // the
																												// answer
																												// that
																												// called
																												// the
																												// tool
				ChatMessage.tool(call.id(), result))) // and the tool's result
			.block(); // last.content(): the model's text

		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.arguments()).isEqualTo("{\"city\":\"stub\"}");
		assertThat(last.content()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		JsonNode sent = this.stub.lastRequest("Qwen/Qwen3-4B").json();
		assertThat(sent.at("/messages/1/tool_calls/0/id").stringValue()).isEqualTo(call.id());
		assertThat(sent.at("/messages/2/tool_call_id").stringValue()).isEqualTo(call.id());
		assertThat(sent.at("/tools/0/function/name").stringValue()).isEqualTo("get_weather");
		assertThat(sent.get("tool_choice").stringValue()).isEqualTo("auto");
	}

	@Test
	void openAiToolsRefused() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().error(400, "tools are not supported for this model");
		ChatCompletionRequest request = ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi"))
			.withTools(ChatTool.function("noop", null, (Map<String, ?>) null));

		Mono<ChatCompletion> answer = this.openAi.chatCompletion(request)
			.onErrorResume(BytezApiException.class,
					(ex) -> ex.getStatusCode() == 400
							? this.openAi.chatCompletion(ChatCompletionRequest.of(request.model(), request.messages()))
							: Mono.error(ex)); // retry without tools

		assertThat(answer.block(TIMEOUT).content()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().has("tools")).isFalse();
	}

	@Test
	void openAiStreamedToolCalls() {
		ChatCompletionRequest request = ChatCompletionRequest
			.of("Qwen/Qwen3-4B", ChatMessage.user("What is the weather in Paris?"))
			.withTools(ChatTool.function("get_weather", null, Map.of("type", "object")));

		Flux<ChatCompletionChunk> chunks = this.openAi.streamChatCompletion(request);
		Mono<ChatCompletion> whole = chunks.reduceWith(ChatCompletionAssembler::new, ChatCompletionAssembler::add)
			.map(ChatCompletionAssembler::completion); // tool calls with their whole
														// arguments

		ChatCompletion completion = whole.block(TIMEOUT);
		assertThat(completion.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{}");
			assertThat(call.id()).startsWith("call_stub_");
		});
		assertThat(completion.choices().get(0).finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void openAiReasoning() {
		// the stub answers no reasoning of its own: script what a thinking model streams,
		// for both calls
		this.stub.answerText("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", "ok");
		this.stub.script("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B")
			.nextCalls(2)
			.respond(WireMock.aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"2+2 "}}]}

					data: {"choices":[{"index":0,"delta":{"reasoning_content":"is 4."}}]}

					data: {"choices":[{"index":0,"delta":{"content":"4"},"finish_reason":"stop"}]}

					data: [DONE]

					"""));
		Flux<ChatCompletionChunk> chunks = this.openAi.streamChatCompletion(
				ChatCompletionRequest.of("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", ChatMessage.user("2+2?")));
		Flux<String> thinking = chunks.map(ChatCompletionChunk::reasoningContent).filter((text) -> !text.isEmpty());
		Flux<String> answer = chunks.map(ChatCompletionChunk::content).filter((text) -> !text.isEmpty());

		// the next turn, for a provider that refuses reasoning_content in requests
		ChatMessage reply = new ChatMessage("assistant", "4", null, null, null, "2+2 is 4").withoutReasoning();

		assertThat(thinking.collectList().block(TIMEOUT)).containsExactly("2+2 ", "is 4.");
		assertThat(String.join("", answer.collectList().block(TIMEOUT))).isEqualTo("4");
		assertThat(reply.reasoningContent()).isNull();
		assertThat(reply.content()).isEqualTo("4");
	}

	@Test
	void openAiStreamCompletion() {
		Flux<String> text = this.openAi
			.streamCompletion(CompletionRequest.of("openai-community/gpt2", "Once upon a time").withMaxTokens(20))
			.map(CompletionChunk::text); // Server-Sent Events, ends at [DONE]

		assertThat(String.join("", text.collectList().block(TIMEOUT)))
			.isEqualTo(this.stub.exampleText("text-generation"));
		assertThat(this.stub.lastRequest("openai-community/gpt2").json().get("stream").booleanValue()).isTrue();
	}

	@Test
	void openAiStreamResponses() {
		this.stub.answerText("openai/gpt-4o-mini", "Hello there!");
		Flux<ResponsesStreamEvent> events = this.openAi
			.streamResponses(ResponsesRequest.of("openai/gpt-4o-mini", "Say hello"));

		Flux<String> text = events.map(ResponsesStreamEvent::textDelta) // response.output_text.delta
			.filter((delta) -> !delta.isEmpty());
		Mono<ResponsesResult> result = events.filter(ResponsesStreamEvent::isFinal) // response.completed
			.next()
			.map(ResponsesStreamEvent::response);

		assertThat(String.join("", text.collectList().block(TIMEOUT))).isEqualTo("Hello there!");
		ResponsesResult completed = result.block(TIMEOUT);
		assertThat(completed.status()).isEqualTo("completed");
		assertThat(completed.outputText()).isEqualTo("Hello there!");
		assertThat(completed.usage().outputTokens()).isEqualTo(2);
	}

	@Test
	void openAiResponsesTyped() {
		this.stub.answerText("openai/gpt-4o-mini", "Hi!");
		ResponsesResult result = this.openAi.responses(ResponsesRequest.of("openai/gpt-4o-mini", "Say hi")).block();
		String text = result.outputText(); // or each item: result.output().get(0).text()
		Integer tokens = result.usage().totalTokens();
		JsonNode anythingElse = result.raw(); // the whole JSON as Bytez sent it

		assertThat(text).isEqualTo("Hi!");
		assertThat(result.output().get(0).type()).isEqualTo("message");
		assertThat(result.output().get(0).text()).isEqualTo("Hi!");
		assertThat(tokens).isEqualTo(3);
		assertThat(anythingElse.get("object").stringValue()).isEqualTo("response");
	}

}
