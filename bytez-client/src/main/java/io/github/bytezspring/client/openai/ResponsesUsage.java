package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The tokens a Responses call used, as the response reports them (further details are in
 * {@link ResponsesResult#raw()}).
 *
 * @param inputTokens tokens of the input
 * @param outputTokens tokens generated, reasoning included
 * @param totalTokens both together
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesUsage(@JsonProperty("input_tokens") @Nullable Integer inputTokens,
		@JsonProperty("output_tokens") @Nullable Integer outputTokens,
		@JsonProperty("total_tokens") @Nullable Integer totalTokens) {
}
