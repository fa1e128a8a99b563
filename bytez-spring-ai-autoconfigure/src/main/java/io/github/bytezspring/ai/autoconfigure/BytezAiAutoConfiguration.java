package io.github.bytezspring.ai.autoconfigure;

import io.github.bytezspring.ai.BytezChatModel;
import io.github.bytezspring.ai.BytezChatOptions;
import io.github.bytezspring.ai.BytezEmbeddingModel;
import io.github.bytezspring.ai.BytezEmbeddingOptions;
import io.github.bytezspring.ai.BytezImageModel;
import io.github.bytezspring.ai.BytezImageOptions;
import io.github.bytezspring.ai.BytezTextToSpeechModel;
import io.github.bytezspring.ai.BytezTextToSpeechOptions;
import io.github.bytezspring.ai.BytezTranscriptionModel;
import io.github.bytezspring.ai.BytezTranscriptionOptions;
import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import io.github.bytezspring.client.BytezOperations;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.image.observation.ImageModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.StringUtils;

/**
 * Auto-configures the Bytez Spring AI models on the starter's {@link BytezOperations}:
 * each kind (chat, embedding, image, transcription, speech) when its
 * {@code spring.ai.bytez.*.options.model} is set, or when Spring AI's selection property
 * ({@code spring.ai.model.chat=bytez}, ...) names Bytez.
 */
@AutoConfiguration(after = BytezAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, BytezChatModel.class })
@ConditionalOnBean(BytezOperations.class)
@EnableConfigurationProperties(BytezAiProperties.class)
public final class BytezAiAutoConfiguration {

	static final String CHAT_MODEL = "spring.ai.bytez.chat.options.model";

	static final String EMBEDDING_MODEL = "spring.ai.bytez.embedding.options.model";

	static final String IMAGE_MODEL = "spring.ai.bytez.image.options.model";

	static final String TRANSCRIPTION_MODEL = "spring.ai.bytez.audio.transcription.options.model";

	static final String SPEECH_MODEL = "spring.ai.bytez.audio.speech.options.model";

	@Bean
	@ConditionalOnMissingBean
	@Conditional(BytezModelCondition.Chat.class)
	BytezChatModel bytezChatModel(BytezOperations bytez, BytezAiProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		BytezAiProperties.ChatOptions options = properties.getChat().getOptions();
		BytezChatOptions.Builder defaults = BytezChatOptions.builder()
			.model(requireModel(options.getModel(), CHAT_MODEL, SpringAIModelProperties.CHAT_MODEL))
			.maxTokens(options.getMaxTokens())
			.temperature(options.getTemperature())
			.topP(options.getTopP())
			.topK(options.getTopK())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty())
			.params(ParamValues.typed(options.getParams()))
			.endpoint(options.getEndpoint())
			.reasoningEffort(options.getReasoningEffort())
			.reasoningSummary(options.getReasoningSummary())
			.fallbackModels(options.getFallbackModels());
		if (!options.getStopSequences().isEmpty()) {
			defaults.stopSequences(options.getStopSequences());
		}
		BytezChatModel model = new BytezChatModel(bytez, defaults.build(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(model::setObservationConvention);
		return model;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(BytezModelCondition.Embedding.class)
	BytezEmbeddingModel bytezEmbeddingModel(BytezOperations bytez, BytezAiProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EmbeddingModelObservationConvention> observationConvention) {
		BytezAiProperties.EmbeddingOptions options = properties.getEmbedding().getOptions();
		BytezEmbeddingModel model = new BytezEmbeddingModel(bytez,
				new BytezEmbeddingOptions(
						requireModel(options.getModel(), EMBEDDING_MODEL, SpringAIModelProperties.EMBEDDING_MODEL),
						options.getDimensions(), ParamValues.typed(options.getParams())),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(model::setObservationConvention);
		return model;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(BytezModelCondition.Image.class)
	BytezImageModel bytezImageModel(BytezOperations bytez, BytezAiProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ImageModelObservationConvention> observationConvention) {
		BytezAiProperties.ImageOptions options = properties.getImage().getOptions();
		BytezImageModel model = new BytezImageModel(bytez,
				new BytezImageOptions(
						requireModel(options.getModel(), IMAGE_MODEL, SpringAIModelProperties.IMAGE_MODEL),
						options.getN(), options.getWidth(), options.getHeight(), options.getResponseFormat(),
						ParamValues.typed(options.getParams())),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(model::setObservationConvention);
		return model;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(BytezModelCondition.Transcription.class)
	BytezTranscriptionModel bytezTranscriptionModel(BytezOperations bytez, BytezAiProperties properties) {
		BytezAiProperties.ModelOptions options = properties.getAudio().getTranscription().getOptions();
		return new BytezTranscriptionModel(bytez,
				new BytezTranscriptionOptions(
						requireModel(options.getModel(), TRANSCRIPTION_MODEL,
								SpringAIModelProperties.AUDIO_TRANSCRIPTION_MODEL),
						ParamValues.typed(options.getParams())));
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(BytezModelCondition.Speech.class)
	BytezTextToSpeechModel bytezTextToSpeechModel(BytezOperations bytez, BytezAiProperties properties) {
		BytezAiProperties.ModelOptions options = properties.getAudio().getSpeech().getOptions();
		return new BytezTextToSpeechModel(bytez,
				new BytezTextToSpeechOptions(
						requireModel(options.getModel(), SPEECH_MODEL, SpringAIModelProperties.AUDIO_SPEECH_MODEL),
						ParamValues.typed(options.getParams())));
	}

	/**
	 * The model option, which the condition guarantees unless the selection property
	 * asked for Bytez explicitly: then its absence fails startup with a report naming the
	 * property.
	 */
	private static String requireModel(@Nullable String model, String property, String selectionProperty) {
		if (!StringUtils.hasText(model)) {
			throw new InvalidConfigurationPropertyValueException(property, model,
					"It must name a Bytez model when " + selectionProperty + "=bytez.");
		}
		return model.strip();
	}

}
