package io.github.bytezspring.docs;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.ai.BytezAiMetadata;
import io.github.bytezspring.ai.BytezChatModel;
import io.github.bytezspring.ai.BytezChatOptions;
import io.github.bytezspring.ai.BytezEmbeddingModel;
import io.github.bytezspring.ai.BytezEmbeddingOptions;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubMetering;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Holds the Java snippets of {@code docs/spring-ai.md}: the same code, run against the
 * stub.
 */
class SpringAiDocsTests {

	// strict, as under @AutoConfigureBytezStub: a field the model's task does not take is
	// refused
	private static final BytezStubServer stub = BytezStubServer.start().strict(true);

	private final BytezTemplate bytez = BytezTemplate.builder()
		.apiKey(BytezStubServer.API_KEY)
		.baseUrl(stub.baseUrl())
		.build();

	private final ChatModel chatModel = new BytezChatModel(this.bytez,
			BytezChatOptions.builder().model("Qwen/Qwen3-4B").build());

	@AfterAll
	static void stop() {
		stub.close();
	}

	@BeforeEach
	void reset() {
		stub.reset();
	}

	@Test
	void librarianAnswersAndStreams() {
		stub.answerText("Qwen/Qwen3-4B", "Try 'Sketch of the Analytical Engine'.");
		Librarian librarian = new Librarian(ChatClient.builder(this.chatModel));
		assertThat(librarian.recommend("computing history")).isEqualTo("Try 'Sketch of the Analytical Engine'.");
		assertThat(String.join("", librarian.recommendLive("computing history").collectList().block()))
			.isEqualTo("Try 'Sketch of the Analytical Engine'.");
		assertThat(stub.lastRequest("Qwen/Qwen3-4B").json().path("messages").get(0).path("content").asString())
			.isEqualTo("You are a librarian. Recommend one book.");
	}

	@Test
	void perCallOptions() {
		stub.answerText("openai/gpt-4o-mini", "Dune");
		ChatClient chatClient = ChatClient.create(this.chatModel);
		// @formatter:off
		String answer = chatClient.prompt()
				.user("One science fiction classic?")
				.options(BytezChatOptions.builder()
						.model("openai/gpt-4o-mini")   // another model for this call
						.maxTokens(50)                 // params.max_new_tokens
						.param("repetition_penalty", 1.2))
				.call()
				.content();
		// @formatter:on
		assertThat(answer).isEqualTo("Dune");
		assertThat(stub.lastRequest("openai/gpt-4o-mini").json().path("params").toString())
			.isEqualTo("{\"repetition_penalty\":1.2,\"max_new_tokens\":50}");
	}

	@Test
	void chatModelDirectly() {
		stub.answerText("Qwen/Qwen3-4B", "Hello!");
		ChatResponse response = this.chatModel.call(new Prompt("Hi"));
		String text = response.getResult().getOutput().getText();
		Integer promptTokens = response.getMetadata().getUsage().getPromptTokens(); // closed
																					// models
																					// only
		assertThat(text).isEqualTo("Hello!");
		assertThat(promptTokens).isZero();
		assertThat(List.of(text)).hasSize(1);
	}

	@Test
	void toolLoop() {
		stub.answerText("openai/gpt-4o-mini", "It is noon in Paris.");
		ChatClient chatClient = ChatClient
			.create(new BytezChatModel(this.bytez, BytezChatOptions.builder().model("openai/gpt-4o-mini").build()));
		// @formatter:off
		String answer = chatClient.prompt()
				.user("What time is it in Paris?")
				.tools(new Clock())
				.call()
				.content();

		Flux<String> live = chatClient.prompt()
				.user("What time is it in Paris?")
				.tools(new Clock())
				.stream()
				.content();
		// @formatter:on
		assertThat(answer).isEqualTo("It is noon in Paris.");
		assertThat(String.join("", live.collectList().block())).isEqualTo("It is noon in Paris.");
		assertThat(stub.requests("openai/gpt-4o-mini")).hasSize(4)
			.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/models/v2/openai/v1/responses"));
		assertThat(stub.requests("openai/gpt-4o-mini").get(1).json().path("input").get(2).path("output").asString())
			.isEqualTo("\"12:00 in stub\"");
	}

	@Test
	void nativeStructuredOutput() {
		stub.answerText("openai/gpt-4o-mini", "not JSON: the schema decides the answer");
		ChatClient chatClient = ChatClient
			.create(new BytezChatModel(this.bytez, BytezChatOptions.builder().model("openai/gpt-4o-mini").build()));
		// @formatter:off
		Book book = chatClient.prompt()
				.user("One science fiction classic?")
				.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
				.call()
				.entity(Book.class);
		// @formatter:on
		assertThat(book).isEqualTo(new Book("stub", 0));
		assertThat(stub.lastRequest("openai/gpt-4o-mini").json().path("text").path("format").path("type").asString())
			.isEqualTo("json_schema");
	}

	@Test
	void responseMetadata() {
		stub.answerText("Qwen/Qwen3-4B", "Hello!");
		ChatClient chatClient = ChatClient.create(this.chatModel);
		// @formatter:off
		ChatResponse response = chatClient.prompt().user("Hi").call().chatResponse();
		Usage usage = response.getMetadata().getUsage();                 // prompt, completion, total tokens
		RateLimit rateLimit = response.getMetadata().getRateLimit();     // ratelimit-limit, -remaining, -reset
		Duration inferenceTime = response.getMetadata().get(BytezAiMetadata.INFERENCE_TIME);
		String meter = response.getMetadata().get(BytezAiMetadata.INFERENCE_METER);
		Double cost = response.getMetadata().get(BytezAiMetadata.ESTIMATED_COST);     // US dollars, null if unknown
		// @formatter:on
		assertThat(usage.getTotalTokens()).isZero();
		assertThat(rateLimit.getRequestsLimit()).isEqualTo(StubMetering.DEFAULT_LIMIT);
		assertThat(inferenceTime).isEqualTo(StubMetering.DEFAULT_INFERENCE_TIME);
		assertThat(meter).isEqualTo(StubMetering.DEFAULT_METER);
		// the stub's model list prices its example models at 0.0006478333 US dollars a
		// second
		assertThat(cost).isCloseTo(StubMetering.DEFAULT_INFERENCE_TIME.toNanos() / 1e9 * 0.0006478333, within(1e-15));
	}

	@Test
	void springAiOpenAiPointedAtBytez() {
		String bytezApiKey = BytezStubServer.API_KEY;
		// @formatter:off
		OpenAiChatModel openAi = OpenAiChatModel.builder()
				.options(OpenAiChatOptions.builder()
						.baseUrl("https://api.bytez.com/models/v2/openai/v1")
						.apiKey(bytezApiKey)
						.model("openai/gpt-4o-mini")
						.build())
				.build();
		ChatClient chatClient = ChatClient.create(openAi);
		// @formatter:on
		assertThat(openAi.getOptions().getBaseUrl()).isEqualTo("https://api.bytez.com/models/v2/openai/v1");
		assertThat(openAi.getOptions().getModel()).isEqualTo("openai/gpt-4o-mini");
		assertThat(chatClient).isNotNull();
	}

	// the snippets' types, as the docs show them
	static class Clock {

		@Tool(description = "The current time in a city")
		String timeIn(@ToolParam(description = "the city") String city) {
			return "12:00 in " + city;
		}

	}

	record Book(String title, int year) {
	}

	static class Librarian {

		private final ChatClient chatClient;

		Librarian(ChatClient.Builder builder) {
			this.chatClient = builder.defaultSystem("You are a librarian. Recommend one book.").build();
		}

		String recommend(String topic) {
			return this.chatClient.prompt().user("A book about " + topic + "?").call().content();
		}

		Flux<String> recommendLive(String topic) {
			return this.chatClient.prompt().user("A book about " + topic + "?").stream().content();
		}

	}

	@Test
	void theEmbeddingModelsMeasuredDimensionsAreTheConfiguredOnes() {
		// docs/spring-ai.md configures all-MiniLM-L6-v2 with "dimensions: 384";
		// unconfigured, the model
		// measures them with one call, and the stub must answer as many
		BytezEmbeddingModel embeddingModel = new BytezEmbeddingModel(this.bytez,
				BytezEmbeddingOptions.model("sentence-transformers/all-MiniLM-L6-v2"), ObservationRegistry.NOOP);
		assertThat(embeddingModel.dimensions()).isEqualTo(384);
		assertThat(embeddingModel.embed("The lighthouse stands on the cliff.")).hasSize(384);
	}

}
