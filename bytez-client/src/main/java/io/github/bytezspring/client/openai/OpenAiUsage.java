package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The tokens an OpenAI-compatible call used, as the response reports them.
 *
 * @param promptTokens tokens of the input
 * @param completionTokens tokens generated
 * @param totalTokens both together
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenAiUsage(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
		@JsonProperty("completion_tokens") @Nullable Integer completionTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens) {
}
