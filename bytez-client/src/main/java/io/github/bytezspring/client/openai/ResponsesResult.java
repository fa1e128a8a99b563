package io.github.bytezspring.client.openai;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The answer of an OpenAI-style Responses call, typed, with the JSON it was read from in
 * {@link #raw()} for anything not modelled here.
 *
 * @param id the response's id
 * @param object the object type, {@code response}
 * @param created when it was created, in epoch seconds ({@code created_at}, or Bytez's
 * {@code created})
 * @param model the model that answered
 * @param status {@code completed}, {@code incomplete}, {@code failed},
 * {@code in_progress}, ...
 * @param output the output items: messages, reasoning, function calls
 * @param outputText the output's text: the {@code output_text} sent, or else the texts of
 * the output's messages joined
 * @param usage the tokens used, when reported
 * @param raw the whole JSON object as received, or {@code null} for a result not read
 * from JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesResult(@Nullable String id, @Nullable String object,
		@JsonProperty("created_at") @JsonAlias("created") @Nullable Long created, @Nullable String model,
		@Nullable String status, List<ResponsesOutputItem> output,
		@JsonProperty("output_text") @Nullable String outputText, @Nullable ResponsesUsage usage,
		@JsonIgnore @Nullable JsonNode raw) {

	/**
	 * Create a result, deriving the output text from the output's messages when none is
	 * given.
	 * @param id the id
	 * @param object the object type
	 * @param created the creation time
	 * @param model the model
	 * @param status the status
	 * @param output the output items
	 * @param outputText the output text, or {@code null} to derive it
	 * @param usage the usage
	 * @param raw the JSON it was read from
	 */
	public ResponsesResult {
		output = (output != null) ? List.copyOf(output) : List.of();
		if (outputText == null && !output.isEmpty()) {
			outputText = output.stream()
				.filter((item) -> "message".equals(item.type()))
				.map(ResponsesOutputItem::text)
				.collect(Collectors.joining());
		}
	}

	/**
	 * The function calls among the output items.
	 * @return the calls, empty when there are none
	 */
	public List<ResponsesOutputItem> functionCalls() {
		return this.output.stream().filter((item) -> "function_call".equals(item.type())).toList();
	}

	/**
	 * This result with the JSON object it was read from.
	 * @param json the JSON
	 * @return a new result
	 */
	public ResponsesResult withRaw(JsonNode json) {
		return new ResponsesResult(this.id, this.object, this.created, this.model, this.status, this.output,
				this.outputText, this.usage, json);
	}

}
