package io.github.bytezspring.ai.autoconfigure;

import io.github.bytezspring.ai.BytezChatEndpoint;
import io.github.bytezspring.client.internal.ModelIds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The Bytez Spring AI models' options, under {@code spring.ai.bytez}; the connection
 * (key, base URL, retries, limits) is the starter's own, under {@code bytez.*}.
 */
@ConfigurationProperties(BytezAiProperties.PREFIX)
public class BytezAiProperties implements Validator {

	/** The prefix of these properties: {@value}. */
	public static final String PREFIX = "spring.ai.bytez";

	@Override
	public boolean supports(Class<?> type) {
		return BytezAiProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks the chat model's fallback models, so that a bad one fails startup with
	 * Boot's report naming the property and the value as typed.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ChatOptions options = ((BytezAiProperties) target).getChat().getOptions();
		List<String> fallbacks = options.getFallbackModels();
		if (fallbacks == null) {
			return;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < fallbacks.size(); i++) {
			String field = "chat.options.fallback-models[" + i + "]";
			String modelId = fallbacks.get(i);
			if (!StringUtils.hasText(modelId)) {
				errors.rejectValue(field, "bytez.invalid", "must be a model id such as org/name, not blank");
				continue;
			}
			try {
				ModelIds.validate(modelId);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue(field, "bytez.invalid", "must be a model id such as org/name: " + ex.getMessage());
				continue;
			}
			if (modelId.equals(options.getModel())) {
				errors.rejectValue(field, "bytez.invalid",
						"must not be " + PREFIX + ".chat.options.model itself: a model cannot fall back to itself");
			}
			else if (!seen.add(modelId)) {
				errors.rejectValue(field, "bytez.invalid", "is in the chain twice; a model is tried once");
			}
		}
	}

	/**
	 * The chat model.
	 */
	private final Chat chat = new Chat();

	/**
	 * The embedding model.
	 */
	private final Embedding embedding = new Embedding();

	/**
	 * The image model.
	 */
	private final Image image = new Image();

	/**
	 * The audio models.
	 */
	private final Audio audio = new Audio();

	public Chat getChat() {
		return this.chat;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	public Image getImage() {
		return this.image;
	}

	public Audio getAudio() {
		return this.audio;
	}

	/**
	 * The chat model's properties.
	 */
	public static class Chat {

		/**
		 * The default options of every chat call; a prompt's own options override them.
		 */
		@NestedConfigurationProperty
		private final ChatOptions options = new ChatOptions();

		public ChatOptions getOptions() {
			return this.options;
		}

	}

	/**
	 * The embedding model's properties.
	 */
	public static class Embedding {

		/**
		 * The default options of every embedding call; a request's own options override
		 * them.
		 */
		@NestedConfigurationProperty
		private final EmbeddingOptions options = new EmbeddingOptions();

		public EmbeddingOptions getOptions() {
			return this.options;
		}

	}

	/**
	 * An audio model's properties.
	 */
	public static class AudioModel {

		/**
		 * The default options of every call; a prompt's own options override them.
		 */
		@NestedConfigurationProperty
		private final ModelOptions options = new ModelOptions();

		public ModelOptions getOptions() {
			return this.options;
		}

	}

	/**
	 * The image model's properties.
	 */
	public static class Image {

		/**
		 * The default options of every image call; a prompt's own options override them.
		 */
		@NestedConfigurationProperty
		private final ImageOptions options = new ImageOptions();

		public ImageOptions getOptions() {
			return this.options;
		}

	}

	/**
	 * The audio models' properties.
	 */
	public static class Audio {

		/**
		 * The transcription model.
		 */
		private final AudioModel transcription = new AudioModel();

		/**
		 * The text-to-speech model.
		 */
		private final AudioModel speech = new AudioModel();

		public AudioModel getTranscription() {
			return this.transcription;
		}

		public AudioModel getSpeech() {
			return this.speech;
		}

	}

	/**
	 * The options every model takes: which model, and free-form parameters.
	 */
	public static class ModelOptions {

		/**
		 * The Bytez model id, e.g. 'openai/whisper-large-v3'; the model is not created
		 * while this is unset.
		 */
		private @Nullable String model;

		/**
		 * Free-form model parameters sent in 'params'; 'true'/'false' and numbers are
		 * sent as JSON booleans and numbers.
		 */
		private Map<String, String> params = new LinkedHashMap<>();

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public Map<String, String> getParams() {
			return this.params;
		}

		public void setParams(Map<String, String> params) {
			this.params = params;
		}

	}

	/**
	 * The options of the embedding model.
	 */
	public static class EmbeddingOptions extends ModelOptions {

		/**
		 * The length of the model's vectors, when known, so that dimensions() needs no
		 * call; Bytez takes no such parameter.
		 */
		private @Nullable Integer dimensions;

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
		}

	}

	/**
	 * The options of the image model.
	 */
	public static class ImageOptions extends ModelOptions {

		/**
		 * How many images each call makes (one Bytez call each).
		 */
		private @Nullable Integer n;

		/**
		 * The image width in pixels, sent as 'params.width'.
		 */
		private @Nullable Integer width;

		/**
		 * The image height in pixels, sent as 'params.height'.
		 */
		private @Nullable Integer height;

		/**
		 * 'url' for the URL Bytez answers (the default), or 'b64_json' for the image's
		 * bytes.
		 */
		private @Nullable String responseFormat;

		public @Nullable Integer getN() {
			return this.n;
		}

		public void setN(@Nullable Integer n) {
			this.n = n;
		}

		public @Nullable Integer getWidth() {
			return this.width;
		}

		public void setWidth(@Nullable Integer width) {
			this.width = width;
		}

		public @Nullable Integer getHeight() {
			return this.height;
		}

		public void setHeight(@Nullable Integer height) {
			this.height = height;
		}

		public @Nullable String getResponseFormat() {
			return this.responseFormat;
		}

		public void setResponseFormat(@Nullable String responseFormat) {
			this.responseFormat = responseFormat;
		}

	}

	/**
	 * The options of the chat model.
	 */
	public static class ChatOptions {

		/**
		 * The Bytez chat model id, e.g. 'Qwen/Qwen3-4B' or 'openai/gpt-4o-mini'; the chat
		 * model is not created while this is unset.
		 */
		private @Nullable String model;

		/**
		 * The most tokens to generate, sent as 'params.max_new_tokens'.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * The sampling temperature, sent as 'params.temperature'.
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling, sent as 'params.top_p'.
		 */
		private @Nullable Double topP;

		/**
		 * Top-k sampling, sent as 'params.top_k'.
		 */
		private @Nullable Integer topK;

		/**
		 * Sequences that end the generation, sent as 'params.stop'.
		 */
		private List<String> stopSequences = new ArrayList<>();

		/**
		 * Frequency penalty (closed models that take it), sent as
		 * 'params.frequency_penalty'.
		 */
		private @Nullable Double frequencyPenalty;

		/**
		 * Presence penalty (closed models that take it), sent as
		 * 'params.presence_penalty'.
		 */
		private @Nullable Double presencePenalty;

		/**
		 * Free-form model parameters sent in 'params', e.g. 'repetition_penalty';
		 * 'true'/'false' and numbers are sent as JSON booleans and numbers.
		 */
		private Map<String, String> params = new LinkedHashMap<>();

		/**
		 * Which Bytez endpoint prompts go to: 'auto' sends a prompt with tools, tool
		 * calls or results, a native output schema or reasoning options to the
		 * OpenAI-compatible '/responses' and every other prompt to the native run
		 * endpoint; 'run', 'responses' or 'chat-completions' force one.
		 */
		private BytezChatEndpoint endpoint = BytezChatEndpoint.AUTO;

		/**
		 * Reasoning effort of reasoning models ('none', 'low', 'medium', 'high'), sent as
		 * 'reasoning.effort' ('reasoning_effort' on chat completions); setting it sends
		 * prompts to '/responses' under 'auto'.
		 */
		private @Nullable String reasoningEffort;

		/**
		 * Reasoning summary of reasoning models ('none', 'auto', 'detailed'), sent as
		 * 'reasoning.summary'; setting it sends prompts to '/responses' under 'auto'.
		 */
		private @Nullable String reasoningSummary;

		/**
		 * Models that take a prompt over, in order, when the chat model cannot answer
		 * because of its own or the plan's state (rate-limited or failing once retries
		 * are spent, out of credits, past the call's timeout); prompts on the native run
		 * endpoint only. Unset: bytez.fallbacks applies; empty: no fallback.
		 */
		private @Nullable List<String> fallbackModels;

		public @Nullable List<String> getFallbackModels() {
			return this.fallbackModels;
		}

		public void setFallbackModels(@Nullable List<String> fallbackModels) {
			this.fallbackModels = fallbackModels;
		}

		public BytezChatEndpoint getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(BytezChatEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getReasoningEffort() {
			return this.reasoningEffort;
		}

		public void setReasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
		}

		public @Nullable String getReasoningSummary() {
			return this.reasoningSummary;
		}

		public void setReasoningSummary(@Nullable String reasoningSummary) {
			this.reasoningSummary = reasoningSummary;
		}

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable Integer getTopK() {
			return this.topK;
		}

		public void setTopK(@Nullable Integer topK) {
			this.topK = topK;
		}

		public List<String> getStopSequences() {
			return this.stopSequences;
		}

		public void setStopSequences(List<String> stopSequences) {
			this.stopSequences = stopSequences;
		}

		public @Nullable Double getFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
		}

		public @Nullable Double getPresencePenalty() {
			return this.presencePenalty;
		}

		public void setPresencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
		}

		public Map<String, String> getParams() {
			return this.params;
		}

		public void setParams(Map<String, String> params) {
			this.params = params;
		}

	}

}
