package io.github.bytezspring.ai.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.bytezspring.ai.BytezChatModel;
import io.github.bytezspring.ai.BytezChatOptions;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.test.BytezStubServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring AI's {@link ChatClient} on the auto-configured {@link BytezChatModel}, end to
 * end against the Bytez stub.
 */
class BytezChatClientTests {

	private static final BytezStubServer stub = BytezStubServer.start();

	private final ApplicationContextRunner runner = BytezAiStub.runner(stub)
		.withPropertyValues("spring.ai.bytez.chat.options.model=" + BytezAiStub.CHAT,
				"spring.ai.bytez.chat.options.max-tokens=64", "spring.ai.bytez.chat.options.temperature=0.2",
				"spring.ai.bytez.chat.options.params.repetition_penalty=1.1",
				"spring.ai.bytez.chat.options.params.do_sample=true");

	@AfterAll
	static void stop() {
		stub.close();
	}

	@BeforeEach
	void reset() {
		stub.reset();
	}

	@Test
	void callSendsTheSystemPromptAndUserMessageAndReadsTheAnswer() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"Ahoy!\"}");
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.builder(context.getBean(ChatModel.class))
				.defaultSystem("Talk like a pirate")
				.build();
			assertThat(chat.prompt().user("Hello").call().content()).isEqualTo("Ahoy!");
			JsonNode body = stub.lastRequest(BytezAiStub.CHAT).json();
			assertThat(body.path("messages").toString()).isEqualTo(
					"[{\"role\":\"system\",\"content\":\"Talk like a pirate\"},{\"role\":\"user\",\"content\":\"Hello\"}]");
			assertThat(body.path("params").path("max_new_tokens").asInt()).isEqualTo(64);
			assertThat(body.path("params").path("temperature").asDouble()).isEqualTo(0.2);
			assertThat(body.path("params").path("repetition_penalty").asDouble()).isEqualTo(1.1);
			assertThat(body.path("params").path("do_sample").isBoolean()).isTrue();
			assertThat(body.has("stream")).isFalse();
		});
	}

	@Test
	void perCallOptionsOverrideTheDefaultsInParams() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"ok\"}");
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			chat.prompt()
				.user("Hi")
				.options(BytezChatOptions.builder()
					.temperature(0.9)
					.topK(5)
					.topP(0.8)
					.stopSequences(List.of("END"))
					.param("num_beams", 2))
				.call()
				.content();
			JsonNode params = stub.lastRequest(BytezAiStub.CHAT).json().path("params");
			assertThat(params.path("temperature").asDouble()).isEqualTo(0.9);
			assertThat(params.path("top_k").asInt()).isEqualTo(5);
			assertThat(params.path("top_p").asDouble()).isEqualTo(0.8);
			assertThat(params.path("stop").toString()).isEqualTo("[\"END\"]");
			assertThat(params.path("num_beams").asInt()).isEqualTo(2);
			assertThat(params.path("max_new_tokens").asInt()).isEqualTo(64);
			assertThat(params.path("repetition_penalty").asDouble()).isEqualTo(1.1);
		});
	}

	@Test
	void streamEmitsTheTextByteExact() {
		String text = "Line one\n  indented ünïcödé 🚀 and\n\nmore  ";
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":"
				+ tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text) + "}");
		stub.streamChunks(7, java.time.Duration.ZERO);
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			List<String> pieces = chat.prompt().user("Tell me").stream().content().collectList().block();
			assertThat(pieces).hasSizeGreaterThan(1);
			assertThat(String.join("", pieces)).isEqualTo(text);
			assertThat(stub.lastRequest(BytezAiStub.CHAT).json().path("stream").asBoolean()).isTrue();
		});
	}

	@Test
	void structuredOutputReadsTheAnswerAsARecord() {
		stub.answerJson(BytezAiStub.CHAT,
				"{\"role\":\"assistant\",\"content\":\"{\\\"name\\\":\\\"Ada\\\",\\\"born\\\":1815}\"}");
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			Person person = chat.prompt().user("Who wrote the first program?").call().entity(Person.class);
			assertThat(person).isEqualTo(new Person("Ada", 1815));
			String userText = stub.lastRequest(BytezAiStub.CHAT)
				.json()
				.path("messages")
				.get(0)
				.path("content")
				.asString();
			assertThat(userText).startsWith("Who wrote the first program?").contains("JSON");
		});
	}

	@Test
	void aRateLimitIsRetriedByTheStarter() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"after the retry\"}");
		stub.script(BytezAiStub.CHAT).nextCall().rateLimited();
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			assertThat(chat.prompt().user("Hi").call().content()).isEqualTo("after the retry");
			assertThat(stub.requests(BytezAiStub.CHAT)).hasSize(2);
		});
	}

	@Test
	void aRejectedKeySurfacesAsBytezAuthenticationExceptionWithoutTheKey() {
		stub.script(BytezAiStub.CHAT).nextCall().error(401, "Unauthorized");
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			assertThatThrownBy(() -> chat.prompt().user("Hi").call().content())
				.isInstanceOf(BytezAuthenticationException.class)
				.satisfies((ex) -> assertThat(ex.toString()).doesNotContain(BytezStubServer.API_KEY));
		});
	}

	@Test
	void chatMemoryCarriesTheFirstTurnIntoTheSecondRequest() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"Nice to meet you, Ada\"}");
		this.runner.run((context) -> {
			ChatMemory memory = MessageWindowChatMemory.builder().build();
			ChatClient chat = ChatClient.builder(context.getBean(ChatModel.class))
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
				.build();
			chat.prompt()
				.user("I am Ada")
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
				.call()
				.content();
			chat.prompt()
				.user("What is my name?")
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
				.call()
				.content();
			assertThat(stub.lastRequest(BytezAiStub.CHAT).json().path("messages").toString())
				.isEqualTo("[{\"role\":\"user\",\"content\":\"I am Ada\"},"
						+ "{\"role\":\"assistant\",\"content\":\"Nice to meet you, Ada\"},"
						+ "{\"role\":\"user\",\"content\":\"What is my name?\"}]");
		});
	}

	@Test
	void userMediaBecomesContentBlocks() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"a cat\"}");
		this.runner.run((context) -> {
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
			chat.prompt()
				.user((user) -> user.text("What is this?")
					.media(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")),
							new Media(MimeTypeUtils.parseMimeType("audio/wav"),
									new ByteArrayResource(new byte[] { 1, 2, 3 }))))
				.call()
				.content();
			assertThat(stub.lastRequest(BytezAiStub.CHAT).json().path("messages").toString())
				.isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
						+ "{\"type\":\"image\",\"url\":\"https://example.com/cat.png\"},"
						+ "{\"type\":\"audio\",\"base64\":\"data:audio/wav;base64,AQID\"}]}]");
		});
	}

	@Test
	void toolsRunThroughTheEndpointThePropertiesForce() {
		stub.answerText("openai/gpt-4o-mini", "Sunny in Paris.");
		this.runner
			.withPropertyValues("spring.ai.bytez.chat.options.model=openai/gpt-4o-mini",
					"spring.ai.bytez.chat.options.endpoint=chat-completions",
					"spring.ai.bytez.chat.options.reasoning-effort=low")
			.run((context) -> {
				ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));
				assertThat(chat.prompt().user("Weather?").tools(new WeatherTools()).call().content())
					.isEqualTo("Sunny in Paris.");
				assertThat(stub.requests("openai/gpt-4o-mini")).hasSize(2).allSatisfy((request) -> {
					assertThat(request.path()).isEqualTo("/models/v2/openai/v1/chat/completions");
					assertThat(request.json().path("reasoning_effort").asString()).isEqualTo("low");
					assertThat(request.json().path("tools").get(0).path("function").path("name").asString())
						.isEqualTo("currentWeather");
				});
			});
	}

	@Test
	void anEndpointThatIsNotOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("spring.ai.bytez.chat.options.endpoint=fastest").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'spring.ai.bytez.chat.options.endpoint'")
				.rootCause()
				.hasMessageContaining("fastest");
		});
	}

	@Test
	void closedModelUsageBecomesUsageMetadata() {
		stub.answer("openai/gpt-4o-mini",
				tools.jackson.databind.json.JsonMapper.builder()
					.build()
					.readTree("{\"role\":\"assistant\",\"content\":\"hi\"}"));
		stub.wireMock()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock
				.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/models/v2/openai/gpt-4o-mini"))
				.atPriority(1)
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock
					.okJson("{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"hi\"},"
							+ "\"provider\":{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}}")));
		this.runner.run((context) -> {
			ChatResponse response = context.getBean(ChatModel.class)
				.call(new org.springframework.ai.chat.prompt.Prompt("Hi",
						BytezChatOptions.builder().model("openai/gpt-4o-mini").build()));
			assertThat(response.getResult().getOutput().getText()).isEqualTo("hi");
			assertThat(response.getMetadata().getModel()).isEqualTo("openai/gpt-4o-mini");
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(7);
			assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(3);
			assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(10);
		});
	}

	@Test
	void theClientObservationIsNestedUnderTheChatObservation() {
		stub.answerJson(BytezAiStub.CHAT, "{\"role\":\"assistant\",\"content\":\"observed\"}");
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			model.call("Hi");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasLowCardinalityKeyValue("gen_ai.system", "bytez")
				.hasLowCardinalityKeyValue("gen_ai.request.model", BytezAiStub.CHAT);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("bytez.client.requests")
				.that()
				.hasParentObservationContextMatching((parent) -> "gen_ai.client.operation".equals(parent.getName()));
			registry.clear();
			assertThat(String.join("", model.stream("Hi").collectList().block())).isEqualTo("observed");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("bytez.client.requests")
				.that()
				.hasParentObservationContextMatching((parent) -> "gen_ai.client.operation".equals(parent.getName()));
		});
	}

	@Test
	void anUnknownModelFailsWithATypedBytezException() {
		this.runner
			.run((context) -> assertThatThrownBy(() -> context.getBean(ChatModel.class)
				.call(new org.springframework.ai.chat.prompt.Prompt("Hi",
						BytezChatOptions.builder().model("nobody/nothing").build())))
				.isInstanceOf(BytezException.class));
	}

	record Person(String name, int born) {
	}

	static class WeatherTools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "sunny";
		}

	}

}
