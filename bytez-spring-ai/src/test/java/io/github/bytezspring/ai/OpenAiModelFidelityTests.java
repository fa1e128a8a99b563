package io.github.bytezspring.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub's OpenAI-compatible tool calls proven against a client nobody here wrote:
 * Spring AI's own OpenAI chat model (on the OpenAI Java SDK), pointed at the stub's
 * {@code /models/v2/openai/v1}, runs the same {@code @Tool} loop through
 * {@code ChatClient} as {@link BytezChatClientToolsTests}, in {@code call()} and
 * {@code stream()}.
 */
@ExtendWith(BytezStubExtension.class)
class OpenAiModelFidelityTests {

	private static final String MODEL = "openai/gpt-4o-mini";

	private final BytezStubServer stub;

	private final ChatClient chatClient;

	private final Clock clock = new Clock();

	OpenAiModelFidelityTests(BytezStubServer stub) {
		this.stub = stub;
		OpenAiChatModel openAi = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(stub.baseUrl() + "/models/v2/openai/v1")
				.apiKey(BytezStubServer.API_KEY)
				.model(MODEL)
				.build())
			.build();
		this.chatClient = ChatClient.create(openAi);
	}

	@BeforeEach
	void answer() {
		this.stub.answerText(MODEL, "It is noon in Paris.");
	}

	@Test
	void springAisOpenAiModelRunsTheToolLoopAgainstTheStub() {
		String answer = this.chatClient.prompt().user("What time is it in Paris?").tools(this.clock).call().content();

		assertThat(answer).isEqualTo("It is noon in Paris.");
		assertThat(this.clock.cities).containsExactly("stub");
		List<StubRequest> requests = this.stub.requests(MODEL);
		assertThat(requests).extracting(StubRequest::path)
			.containsExactly("/models/v2/openai/v1/chat/completions", "/models/v2/openai/v1/chat/completions");
		JsonNode messages = requests.get(1).json().path("messages");
		assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
		assertThat(messages.get(2).path("tool_call_id").asString())
			.isEqualTo(messages.get(1).path("tool_calls").get(0).path("id").asString());
	}

	@Test
	void springAisOpenAiModelStreamsTheToolLoopAgainstTheStub() {
		String answer = String.join("",
				this.chatClient.prompt()
					.user("What time is it in Paris?")
					.tools(this.clock)
					.stream()
					.content()
					.collectList()
					.block(Duration.ofSeconds(10)));

		assertThat(answer).isEqualTo("It is noon in Paris.");
		assertThat(this.clock.cities).containsExactly("stub");
		assertThat(this.stub.requests(MODEL)).hasSize(2)
			.allSatisfy((request) -> assertThat(request.json().path("stream").asBoolean()).isTrue());
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
