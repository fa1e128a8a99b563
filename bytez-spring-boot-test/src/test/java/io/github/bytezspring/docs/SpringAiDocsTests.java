package io.github.bytezspring.docs;

import java.util.List;

import io.github.bytezspring.ai.BytezChatModel;
import io.github.bytezspring.ai.BytezChatOptions;
import io.github.bytezspring.ai.BytezEmbeddingModel;
import io.github.bytezspring.ai.BytezEmbeddingOptions;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.test.BytezStubServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Java snippets of {@code docs/spring-ai.md}: the same code, run against the stub.
 */
class SpringAiDocsTests {

	// strict, as under @AutoConfigureBytezStub: a field the model's task does not take is refused
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
		Integer promptTokens = response.getMetadata().getUsage().getPromptTokens(); // closed models only
		assertThat(text).isEqualTo("Hello!");
		assertThat(promptTokens).isZero();
		assertThat(List.of(text)).hasSize(1);
	}

	// the snippet's class, as the docs show it
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
		// docs/spring-ai.md configures all-MiniLM-L6-v2 with "dimensions: 384"; unconfigured, the model
		// measures them with one call, and the stub must answer as many
		BytezEmbeddingModel embeddingModel = new BytezEmbeddingModel(this.bytez,
				BytezEmbeddingOptions.model("sentence-transformers/all-MiniLM-L6-v2"), ObservationRegistry.NOOP);
		assertThat(embeddingModel.dimensions()).isEqualTo(384);
		assertThat(embeddingModel.embed("The lighthouse stands on the cliff.")).hasSize(384);
	}

}
