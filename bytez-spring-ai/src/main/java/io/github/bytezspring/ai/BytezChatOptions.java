package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of a {@link BytezChatModel}: the model and its generation parameters, sent as the
 * request's {@code params}.
 * <p>
 * It carries tool callbacks only so that a prompt (or a {@code ChatClient}) holding tools is refused by
 * the model rather than silently losing them: Bytez's native API has no tools.
 */
public final class BytezChatOptions extends DefaultToolCallingChatOptions {

	private final Map<String, Object> params;

	private BytezChatOptions(@Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext,
			@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, Map<String, Object> params) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.params = Map.copyOf(params);
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Free-form model parameters, sent in {@code params} beside those the typed options set, e.g.
	 * {@code repetition_penalty} or {@code do_sample}.
	 * @return the parameters, never {@code null}
	 */
	public Map<String, Object> getParams() {
		return this.params;
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
			.toolCallbacks(getToolCallbacks())
			.toolContext(getToolContext());
		builder.params.putAll(this.params);
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
		return other instanceof BytezChatOptions that && super.equals(that) && this.params.equals(that.params);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.params);
	}

	@Override
	public String toString() {
		return "BytezChatOptions[model=" + getModel() + ", maxTokens=" + getMaxTokens() + ", temperature="
				+ getTemperature() + ", topP=" + getTopP() + ", topK=" + getTopK() + ", stopSequences="
				+ getStopSequences() + ", params=" + this.params.keySet() + "]";
	}

	/**
	 * Builds {@link BytezChatOptions}; {@link #combineWith} lets the values set on another builder win.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder> {

		private Map<String, Object> params = new LinkedHashMap<>();

		Builder() {
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
			}
			return this;
		}

		@Override
		public BytezChatOptions build() {
			return new BytezChatOptions(this.toolCallbacks, this.toolContext, this.model, this.frequencyPenalty,
					this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature, this.topK, this.topP,
					this.params);
		}

	}

	static @Nullable List<ToolCallback> toolsOf(ChatOptions options) {
		return (options instanceof ToolCallingChatOptions tools) ? tools.getToolCallbacks() : null;
	}

}
