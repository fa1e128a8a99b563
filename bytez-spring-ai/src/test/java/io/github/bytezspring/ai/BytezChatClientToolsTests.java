package io.github.bytezspring.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubMetering;
import io.github.bytezspring.test.StubRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ChatClient} on a {@link BytezChatModel} against the project's stub, end to end:
 * the tool loop of {@code @Tool} methods in {@code call()} and {@code stream()}, on each
 * endpoint; native structured output; usage, rate limit and metering in every response; a
 * model's refusal of tools.
 */
@ExtendWith(BytezStubExtension.class)
class BytezChatClientToolsTests {

	private static final String MODEL = "openai/gpt-4o-mini";

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	private final Clock clock = new Clock();

	BytezChatClientToolsTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	@BeforeEach
	void answer() {
		this.stub.answerText(MODEL, "It is noon in Paris.");
	}

	@Test
	void callRunsTheToolLoopThroughTheResponsesEndpoint() {
		ChatResponse response = chatClient(BytezChatOptions.builder().model(MODEL)).prompt()
			.user("What time is it in Paris?")
			.tools(this.clock)
			.call()
			.chatResponse();

		assertThat(response.getResult().getOutput().getText()).isEqualTo("It is noon in Paris.");
		assertThat(this.clock.cities).containsExactly("stub");
		List<StubRequest> requests = this.stub.requests(MODEL);
		assertThat(requests).extracting(StubRequest::path)
			.containsExactly("/models/v2/openai/v1/responses", "/models/v2/openai/v1/responses");
		JsonNode first = requests.get(0).json();
		assertThat(first.path("tools").get(0).path("name").asString()).isEqualTo("timeIn");
		assertThat(first.path("tools").get(0).path("parameters").path("required").toString()).isEqualTo("[\"city\"]");
		JsonNode input = requests.get(1).json().path("input");
		JsonNode call = input.get(1);
		JsonNode result = input.get(2);
		assertThat(call.path("type").asString()).isEqualTo("function_call");
		assertThat(call.path("name").asString()).isEqualTo("timeIn");
		assertThat(call.path("arguments").asString()).isEqualTo("{\"city\":\"stub\"}");
		assertThat(result.path("type").asString()).isEqualTo("function_call_output");
		assertThat(result.path("call_id").asString()).isEqualTo(call.path("call_id").asString()).isNotEmpty();
		assertThat(result.path("output").asString()).isEqualTo("\"12:00 in stub\"");
		assertThat(response.getMetadata().<Object>get(BytezAiMetadata.ENDPOINT)).isEqualTo(BytezChatEndpoint.RESPONSES);
	}

	@Test
	void streamRunsTheToolLoopThroughTheResponsesEndpoint() {
		List<String> pieces = chatClient(BytezChatOptions.builder().model(MODEL)).prompt()
			.user("What time is it in Paris?")
			.tools(this.clock)
			.stream()
			.content()
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(String.join("", pieces)).isEqualTo("It is noon in Paris.");
		assertThat(pieces).hasSizeGreaterThan(1);
		assertThat(this.clock.cities).containsExactly("stub");
		assertThat(this.stub.requests(MODEL)).hasSize(2)
			.allSatisfy((request) -> assertThat(request.json().path("stream").asBoolean()).isTrue());
	}

	@Test
	void theChatCompletionsEndpointCanBeForcedForCallAndStream() {
		ChatClient chatClient = chatClient(
				BytezChatOptions.builder().model(MODEL).endpoint(BytezChatEndpoint.CHAT_COMPLETIONS));

		String called = chatClient.prompt().user("Time in Paris?").tools(this.clock).call().content();
		String streamed = String.join("",
				chatClient.prompt()
					.user("Time in Paris?")
					.tools(this.clock)
					.stream()
					.content()
					.collectList()
					.block(Duration.ofSeconds(10)));

		assertThat(called).isEqualTo("It is noon in Paris.");
		assertThat(streamed).isEqualTo("It is noon in Paris.");
		assertThat(this.clock.cities).containsExactly("stub", "stub");
		List<StubRequest> requests = this.stub.requests(MODEL);
		assertThat(requests).extracting(StubRequest::path).containsOnly("/models/v2/openai/v1/chat/completions");
		JsonNode messages = requests.get(1).json().path("messages");
		assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("name").asString())
			.isEqualTo("timeIn");
		assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
		assertThat(messages.get(2).path("tool_call_id").asString())
			.isEqualTo(messages.get(1).path("tool_calls").get(0).path("id").asString());
		assertThat(requests.get(2).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
	}

	@Test
	void nativeStructuredOutputSendsTheSchemaAndReadsTheAnswer() {
		Book book = chatClient(BytezChatOptions.builder().model(MODEL)).prompt()
			.user("One science fiction classic?")
			.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
			.call()
			.entity(Book.class);

		assertThat(book).isEqualTo(new Book("stub", 0));
		JsonNode format = this.stub.lastRequest(MODEL).json().path("text").path("format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("schema").path("properties").has("title")).isTrue();
		assertThat(format.path("schema").path("properties").has("year")).isTrue();
		assertThat(this.stub.lastRequest(MODEL).path()).isEqualTo("/models/v2/openai/v1/responses");
	}

	@Test
	void everyResponseCarriesUsageRateLimitAndMetering() {
		this.stub.metering().limit(25).inferenceTime(Duration.ofMillis(120));
		BytezChatModel model = new BytezChatModel(this.bytez, BytezChatOptions.builder().model(MODEL).build());
		ChatClient chatClient = ChatClient.create(model);

		ChatResponse called = chatClient.prompt().user("Time in Paris?").tools(this.clock).call().chatResponse();
		List<ChatResponse> streamed = chatClient.prompt()
			.user("Time in Paris?")
			.tools(this.clock)
			.stream()
			.chatResponse()
			.collectList()
			.block(Duration.ofSeconds(10));
		ChatResponse native1 = model.call(new org.springframework.ai.chat.prompt.Prompt("Hi",
				BytezChatOptions.builder().model("Qwen/Qwen3-4B").build()));
		List<ChatResponse> nativeStream = model
			.stream(new org.springframework.ai.chat.prompt.Prompt("Hi",
					BytezChatOptions.builder().model("Qwen/Qwen3-4B").build()))
			.collectList()
			.block(Duration.ofSeconds(10));

		// the stub counts words: each call's input is "Time in Paris?" (3), the tool
		// call's output its
		// arguments {"city":"stub"} (1), the answer's "It is noon in Paris." (5);
		// ChatClient's tool-calling
		// advisor adds up the usage of the loop's two calls
		assertThat(called.getMetadata().getUsage().getPromptTokens()).isEqualTo(3 + 3);
		assertThat(called.getMetadata().getUsage().getCompletionTokens()).isEqualTo(1 + 5);
		assertThat(called.getMetadata().getUsage().getTotalTokens()).isEqualTo(12);
		ChatResponse last = streamed.get(streamed.size() - 1);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(1 + 5);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
		for (ChatResponse response : List.of(called, last, native1, nativeStream.get(nativeStream.size() - 1))) {
			assertThat(response.getMetadata().getRateLimit().getRequestsLimit()).isEqualTo(25L);
			assertThat(response.getMetadata().getRateLimit().getRequestsRemaining()).isEqualTo(24L);
			assertThat(response.getMetadata().<Object>get(BytezAiMetadata.INFERENCE_TIME))
				.isEqualTo(Duration.ofMillis(120));
			assertThat(response.getMetadata().<Object>get(BytezAiMetadata.INFERENCE_METER))
				.isEqualTo(StubMetering.DEFAULT_METER);
		}
		assertThat(native1.getMetadata().<Object>get(BytezAiMetadata.ENDPOINT)).isEqualTo(BytezChatEndpoint.RUN);
	}

	@Test
	void usageReachesSpringAisTokenUsageMeterForCallAndStream() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ChatModelMeterObservationHandler(meters));
		BytezChatModel model = new BytezChatModel(this.bytez, BytezChatOptions.builder().model(MODEL).build(),
				observations);
		ChatClient chatClient = ChatClient.create(model);

		chatClient.prompt().user("Time in Paris?").tools(this.clock).call().content();
		chatClient.prompt()
			.user("Time in Paris?")
			.tools(this.clock)
			.stream()
			.content()
			.blockLast(Duration.ofSeconds(10));

		// two model calls per loop: the tool call (its arguments {"city":"stub"} are one
		// word to the stub) and
		// the answer (five words); two loops
		double output = meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "output")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		assertThat(output).isEqualTo(2 * (1 + 5));
		assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counters()).isNotEmpty();
	}

	@Test
	void aModelThatRefusesToolsFailsWithBytezsOwnMessage() {
		this.stub.answerText("anthropic/claude-sonnet-4", "Hello");
		ChatClient chatClient = chatClient(BytezChatOptions.builder().model("anthropic/claude-sonnet-4"));

		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> chatClient.prompt().user("Time?").tools(this.clock).call().content())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorMessage()).contains("anthropic does not yet support tool calls");
			});
		assertThatExceptionOfType(BytezApiException.class).isThrownBy(() -> chatClient.prompt()
			.user("Time?")
			.tools(this.clock)
			.stream()
			.content()
			.blockLast(Duration.ofSeconds(10)));
		assertThat(this.clock.cities).isEmpty();
	}

	private ChatClient chatClient(BytezChatOptions.Builder options) {
		return ChatClient.create(new BytezChatModel(this.bytez, options.build()));
	}

	record Book(String title, int year) {
	}

	static class Clock {

		final List<String> cities = new CopyOnWriteArrayList<>();

		@Tool(description = "The current time in a city")
		String timeIn(@ToolParam(description = "the city") String city) {
			this.cities.add(city);
			return "12:00 in " + city;
		}

	}

}
