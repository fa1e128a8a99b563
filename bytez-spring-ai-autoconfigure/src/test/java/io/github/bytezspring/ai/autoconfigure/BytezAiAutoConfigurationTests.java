package io.github.bytezspring.ai.autoconfigure;

import io.github.bytezspring.ai.BytezChatModel;
import io.github.bytezspring.ai.BytezEmbeddingModel;
import io.github.bytezspring.ai.BytezImageModel;
import io.github.bytezspring.ai.BytezTextToSpeechModel;
import io.github.bytezspring.ai.BytezTranscriptionModel;
import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the auto-configuration creates each Bytez Spring AI model: Spring AI's selection
 * properties and the {@code model} options.
 */
class BytezAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = BytezAiStub.runner().withPropertyValues("bytez.api-key=test-key");

	@Test
	void noModelIsCreatedWithoutModelOptions() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ChatModel.class)
			.doesNotHaveBean(BytezEmbeddingModel.class)
			.doesNotHaveBean(BytezImageModel.class)
			.doesNotHaveBean(BytezTranscriptionModel.class)
			.doesNotHaveBean(BytezTextToSpeechModel.class));
	}

	@Test
	void eachModelOptionCreatesItsModel() {
		this.runner.withPropertyValues("spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B",
				"spring.ai.bytez.embedding.options.model=a/embedder", "spring.ai.bytez.image.options.model=a/painter",
				"spring.ai.bytez.audio.transcription.options.model=a/listener",
				"spring.ai.bytez.audio.speech.options.model=a/speaker")
			.run((context) -> assertThat(context).hasSingleBean(BytezChatModel.class)
				.hasSingleBean(BytezEmbeddingModel.class)
				.hasSingleBean(BytezImageModel.class)
				.hasSingleBean(BytezTranscriptionModel.class)
				.hasSingleBean(BytezTextToSpeechModel.class));
	}

	@Test
	void selectionNamingBytezCreatesTheModel() {
		this.runner.withPropertyValues("spring.ai.model.chat=bytez", "spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B")
			.run((context) -> assertThat(context).hasSingleBean(BytezChatModel.class));
	}

	@Test
	void selectionNamingAnotherProviderOrNoneCreatesNoModel() {
		this.runner.withPropertyValues("spring.ai.model.chat=openai", "spring.ai.model.embedding=none",
				"spring.ai.model.image=openai", "spring.ai.model.audio.transcription=none",
				"spring.ai.model.audio.speech=elevenlabs", "spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B",
				"spring.ai.bytez.embedding.options.model=a/embedder", "spring.ai.bytez.image.options.model=a/painter",
				"spring.ai.bytez.audio.transcription.options.model=a/listener",
				"spring.ai.bytez.audio.speech.options.model=a/speaker")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BytezChatModel.class)
				.doesNotHaveBean(BytezEmbeddingModel.class)
				.doesNotHaveBean(BytezImageModel.class)
				.doesNotHaveBean(BytezTranscriptionModel.class)
				.doesNotHaveBean(BytezTextToSpeechModel.class));
	}

	@Test
	void selectionNamingBytezWithoutAModelFailsNamingTheProperty() {
		this.runner.withPropertyValues("spring.ai.model.embedding=bytez").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring.ai.bytez.embedding.options.model")
				.hasMessageContaining("spring.ai.model.embedding=bytez");
		});
	}

	@Test
	void aUserChatModelWins() {
		this.runner.withPropertyValues("spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B")
			.withBean("myChatModel", BytezChatModel.class,
					() -> new BytezChatModel(
							org.mockito.Mockito.mock(io.github.bytezspring.client.BytezOperations.class),
							io.github.bytezspring.ai.BytezChatOptions.builder().model("mine/model").build()))
			.run((context) -> assertThat(context).hasSingleBean(BytezChatModel.class).hasBean("myChatModel"));
	}

	@Test
	void backsOffWithoutSpringAi() {
		this.runner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.withPropertyValues("spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BytezChatModel.class));
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.runner.withPropertyValues("bytez.enabled=false", "spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BytezChatModel.class));
	}

	@Test
	void runsAfterTheStarterAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BytezAiAutoConfiguration.class, BytezAutoConfiguration.class,
					org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration.class))
			.withPropertyValues("bytez.api-key=k", "spring.ai.bytez.chat.options.model=Qwen/Qwen3-4B")
			.run((context) -> assertThat(context).hasSingleBean(BytezChatModel.class));
	}

	@Test
	void propertiesHaveMetadataWithDescriptions() throws Exception {
		String metadata = new String(
				getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json").readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		for (String property : new String[] { "spring.ai.bytez.chat.options.model",
				"spring.ai.bytez.chat.options.max-tokens", "spring.ai.bytez.chat.options.temperature",
				"spring.ai.bytez.chat.options.top-p", "spring.ai.bytez.chat.options.top-k",
				"spring.ai.bytez.chat.options.stop-sequences", "spring.ai.bytez.chat.options.params",
				"spring.ai.bytez.embedding.options.model", "spring.ai.bytez.embedding.options.dimensions",
				"spring.ai.bytez.image.options.model", "spring.ai.bytez.audio.transcription.options.model",
				"spring.ai.bytez.audio.speech.options.model" }) {
			assertThat(metadata).as(property).contains("\"name\": \"" + property + "\"");
		}
		assertThat(metadata).contains("sent as 'params.max_new_tokens'");
	}

	@Test
	void theChatModelTakesItsFallbackModelsFromTheOptions() {
		this.runner
			.withPropertyValues("spring.ai.bytez.chat.options.model=org/a",
					"spring.ai.bytez.chat.options.fallback-models=org/b,org/c")
			.run((context) -> assertThat(context.getBean(BytezChatModel.class).getOptions().getFallbackModels())
				.containsExactly("org/b", "org/c"));
		this.runner.withPropertyValues("spring.ai.bytez.chat.options.model=org/a")
			.run((context) -> assertThat(context.getBean(BytezChatModel.class).getOptions().getFallbackModels())
				.isNull());
	}

}
