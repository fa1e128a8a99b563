package io.github.bytezspring.ai;

import io.github.bytezspring.client.model.BytezOptions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a {@link BytezChatModel}: the model, its generation parameters, the
 * tools it may call, a native output schema, reasoning, and which Bytez endpoint to use.
 * <p>
 * Tools ({@code ToolCallingChatOptions}) and the output schema
 * ({@code StructuredOutputChatOptions}) are what {@code ChatClient} sets for
 * {@code .tools(..)} and {@code .entity(..)} with native structured output; a prompt
 * carrying them goes to Bytez's OpenAI-compatible {@code /responses} unless
 * {@link #getEndpoint() the endpoint} says otherwise.
 */
public final class BytezChatOptions extends DefaultToolCallingChatOptions implements StructuredOutputChatOptions {

	private final Map<String, Object> params;

	private final @Nullable String outputSchema;

	private final @Nullable BytezChatEndpoint endpoint;

	private final @Nullable String reasoningEffort;

	private final @Nullable String reasoningSummary;

	private final @Nullable List<String> fallbackModels;

	private BytezChatOptions(@Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext,
			@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, Builder builder) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.params = Map.copyOf(builder.params);
		this.outputSchema = builder.outputSchema;
		this.endpoint = builder.endpoint;
		this.reasoningEffort = builder.reasoningEffort;
		this.reasoningSummary = builder.reasoningSummary;
		this.fallbackModels = builder.fallbackModels;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Free-form model parameters, sent in {@code params} beside those the typed options
	 * set, e.g. {@code repetition_penalty} or {@code do_sample}.
	 * @return the parameters, never {@code null}
	 */
	public Map<String, Object> getParams() {
		return this.params;
	}

	/**
	 * The tools the model may call.
	 * @return the tools, empty for none
	 */
	@Override
	public List<ToolCallback> getToolCallbacks() {
		List<ToolCallback> tools = super.getToolCallbacks();
		return (tools != null) ? tools : List.of();
	}

	/**
	 * The JSON schema the answer must follow (native structured output), sent as the
	 * Responses API's {@code text.format} or chat completions' {@code response_format}.
	 * @return the schema, or {@code null} for none
	 */
	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * Which endpoint the prompt goes to.
	 * @return the endpoint, or {@code null} for {@link BytezChatEndpoint#AUTO}
	 */
	public @Nullable BytezChatEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * How hard a reasoning model thinks ({@code reasoning.effort}: {@code none},
	 * {@code low}, {@code medium}, {@code high}), passed through.
	 * @return the effort, or {@code null} for the model's default
	 */
	public @Nullable String getReasoningEffort() {
		return this.reasoningEffort;
	}

	/**
	 * Whether a reasoning model returns a summary of its reasoning
	 * ({@code reasoning.summary}: {@code none}, {@code auto}, {@code detailed}), passed
	 * through.
	 * @return the summary setting, or {@code null} for the model's default
	 */
	public @Nullable String getReasoningSummary() {
		return this.reasoningSummary;
	}

	/**
	 * The models that take a prompt over, in order, when the model cannot answer because
	 * of its own or the plan's state (rate-limited, out of credits, failing, too slow);
	 * see {@code BytezOptions.Builder#fallbackModels}. Applies to prompts sent to Bytez's
	 * native run endpoint (plain chat, the default for prompts without tools, output
	 * schema or reasoning options).
	 * @return the models, empty to turn a configured chain ({@code bytez.fallbacks}) off,
	 * or {@code null} to use it
	 */
	public @Nullable List<String> getFallbackModels() {
		return this.fallbackModels;
	}

	@Override
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model(getModel())
			.frequencyPenalty(getFrequencyPenalty())
			.maxTokens(getMaxTokens())
			.presencePenalty(getPresencePenalty())
			.stopSequences(getStopSequences())
			.temperature(getTemperature())
			.topK(getTopK())
			.topP(getTopP())
			.toolCallbacks(super.getToolCallbacks())
			.toolContext(getToolContext());
		builder.params.putAll(this.params);
		builder.outputSchema = this.outputSchema;
		builder.endpoint = this.endpoint;
		builder.reasoningEffort = this.reasoningEffort;
		builder.reasoningSummary = this.reasoningSummary;
		builder.fallbackModels = this.fallbackModels;
		return builder;
	}

	/**
	 * A copy of these options.
	 * @return the copy
	 */
	public BytezChatOptions copy() {
		return mutate().build();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof BytezChatOptions that && super.equals(that) && this.params.equals(that.params)
				&& Objects.equals(this.outputSchema, that.outputSchema) && this.endpoint == that.endpoint
				&& Objects.equals(this.reasoningEffort, that.reasoningEffort)
				&& Objects.equals(this.reasoningSummary, that.reasoningSummary)
				&& Objects.equals(this.fallbackModels, that.fallbackModels);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.params, this.outputSchema, this.endpoint, this.reasoningEffort,
				this.reasoningSummary, this.fallbackModels);
	}

	@Override
	public String toString() {
		return "BytezChatOptions[model=" + getModel() + ", maxTokens=" + getMaxTokens() + ", temperature="
				+ getTemperature() + ", topP=" + getTopP() + ", topK=" + getTopK() + ", stopSequences="
				+ getStopSequences() + ", params=" + this.params.keySet() + ", endpoint=" + this.endpoint
				+ ", outputSchema=" + ((this.outputSchema != null) ? "set" : "none") + ", tools="
				+ getToolCallbacks().size()
				+ ((this.fallbackModels != null) ? ", fallbackModels=" + this.fallbackModels : "") + "]";
	}

	/**
	 * Builds {@link BytezChatOptions}; {@link #combineWith} lets the values set on
	 * another builder win.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private Map<String, Object> params = new LinkedHashMap<>();

		private @Nullable String outputSchema;

		private @Nullable BytezChatEndpoint endpoint;

		private @Nullable String reasoningEffort;

		private @Nullable String reasoningSummary;

		private @Nullable List<String> fallbackModels;

		Builder() {
		}

		/**
		 * The models that take a prompt over, in order, when the model cannot answer
		 * because of its own or the plan's state; none turns a configured chain off.
		 * @param fallbackModels the model ids, or {@code null} to use the configured
		 * chain
		 * @return this builder
		 */
		public Builder fallbackModels(@Nullable List<String> fallbackModels) {
			if (fallbackModels != null) {
				// checked here, not only when a prompt is sent
				BytezOptions.builder().fallbackModels(fallbackModels.toArray(String[]::new));
			}
			this.fallbackModels = (fallbackModels != null) ? List.copyOf(fallbackModels) : null;
			return this;
		}

		/**
		 * The models that take a prompt over, in order, when the model cannot answer
		 * because of its own or the plan's state; none turns a configured chain off.
		 * @param fallbackModels the model ids
		 * @return this builder
		 */
		public Builder fallbackModels(String... fallbackModels) {
			return fallbackModels(Arrays.asList(fallbackModels));
		}

		/**
		 * Set one free-form model parameter.
		 * @param name the parameter, e.g. {@code repetition_penalty}
		 * @param value its value
		 * @return this builder
		 */
		public Builder param(String name, Object value) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be empty");
			}
			if (value == null) {
				throw new IllegalArgumentException("value of param '" + name + "' must not be null");
			}
			this.params.put(name, value);
			return this;
		}

		/**
		 * Add free-form model parameters.
		 * @param params the parameters; {@code null} adds none
		 * @return this builder
		 */
		public Builder params(@Nullable Map<String, ?> params) {
			if (params != null) {
				params.forEach(this::param);
			}
			return this;
		}

		/**
		 * Ask for native structured output: the JSON schema the answer must follow.
		 * @param outputSchema the schema as a JSON text, or {@code null} for none
		 * @return this builder
		 */
		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return this;
		}

		/**
		 * Force the endpoint prompts go to.
		 * @param endpoint the endpoint, or {@code null} (or
		 * {@link BytezChatEndpoint#AUTO}) to choose per prompt
		 * @return this builder
		 */
		public Builder endpoint(@Nullable BytezChatEndpoint endpoint) {
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * Set the reasoning effort, {@code reasoning.effort}.
		 * @param reasoningEffort e.g. {@code low}, or {@code null} for the model's
		 * default
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Ask for a reasoning summary, {@code reasoning.summary}.
		 * @param reasoningSummary e.g. {@code auto}, or {@code null} for the model's
		 * default
		 * @return this builder
		 */
		public Builder reasoningSummary(@Nullable String reasoningSummary) {
			this.reasoningSummary = reasoningSummary;
			return this;
		}

		@Override
		public Builder clone() {
			Builder copy = super.clone();
			copy.params = new LinkedHashMap<>(this.params);
			return copy;
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder that) {
				this.params.putAll(that.params);
				this.outputSchema = (that.outputSchema != null) ? that.outputSchema : this.outputSchema;
				this.endpoint = (that.endpoint != null) ? that.endpoint : this.endpoint;
				this.reasoningEffort = (that.reasoningEffort != null) ? that.reasoningEffort : this.reasoningEffort;
				this.reasoningSummary = (that.reasoningSummary != null) ? that.reasoningSummary : this.reasoningSummary;
				this.fallbackModels = (that.fallbackModels != null) ? that.fallbackModels : this.fallbackModels;
			}
			return this;
		}

		@Override
		public BytezChatOptions build() {
			return new BytezChatOptions(this.toolCallbacks, this.toolContext, this.model, this.frequencyPenalty,
					this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP,
					this);
		}

	}

}
