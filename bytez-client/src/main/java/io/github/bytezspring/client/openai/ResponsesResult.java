package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The answer of an OpenAI-style Responses call.
 *
 * @param id the response's id
 * @param object the object type, {@code response}
 * @param created when it was created, in epoch seconds
 * @param model the model that answered
 * @param output the output items (messages, reasoning summaries, tool calls) as JSON
 * @param outputText the output's text, all message texts together
 * @param usage the tokens used as the provider reports them ({@code input_tokens}, {@code output_tokens}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesResult(@Nullable String id, @Nullable String object, @Nullable Long created,
		@Nullable String model, @Nullable JsonNode output, @JsonProperty("output_text") @Nullable String outputText,
		@Nullable JsonNode usage) {
}
