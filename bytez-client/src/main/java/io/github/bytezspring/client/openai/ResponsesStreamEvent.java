package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One Server-Sent Event of a streamed Responses call, in OpenAI's Responses streaming
 * shape: its {@code type} ({@code response.created}, {@code response.output_text.delta},
 * {@code response.function_call_arguments.delta}, {@code response.completed}, ...), the
 * text it adds or ends with, the item it is about, and on the first and last events the
 * response itself.
 *
 * @param type the event type
 * @param sequenceNumber its position in the stream, when sent
 * @param outputIndex the output item it is about, when it is about one
 * @param contentIndex the content part it is about, when it is about one
 * @param itemId the id of the item it is about
 * @param delta the text a {@code *.delta} event adds (output text, function arguments,
 * reasoning)
 * @param text the whole text a {@code *.done} event ends with
 * @param item the output item of {@code response.output_item.added} and {@code .done}
 * @param response the response of {@code response.created}, {@code response.in_progress},
 * {@code response.completed}, {@code response.incomplete} and {@code response.failed}
 * @param raw the event's whole JSON object as received
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesStreamEvent(@Nullable String type,
		@JsonProperty("sequence_number") @Nullable Long sequenceNumber,
		@JsonProperty("output_index") @Nullable Integer outputIndex,
		@JsonProperty("content_index") @Nullable Integer contentIndex, @JsonProperty("item_id") @Nullable String itemId,
		@Nullable String delta, @Nullable String text, @Nullable ResponsesOutputItem item,
		@Nullable ResponsesResult response, @JsonIgnore @Nullable JsonNode raw) {

	/** The type of the event that adds output text. */
	public static final String OUTPUT_TEXT_DELTA = "response.output_text.delta";

	/** The type of the last event of a response that completed. */
	public static final String COMPLETED = "response.completed";

	/**
	 * The output text this event adds.
	 * @return the text of a {@code response.output_text.delta} event, else empty
	 */
	public String textDelta() {
		return (OUTPUT_TEXT_DELTA.equals(this.type) && this.delta != null) ? this.delta : "";
	}

	/**
	 * Whether this is the last event of a response: {@code response.completed},
	 * {@code response.incomplete} or {@code response.failed}.
	 * @return whether the response ends here
	 */
	public boolean isFinal() {
		return COMPLETED.equals(this.type) || "response.incomplete".equals(this.type)
				|| "response.failed".equals(this.type);
	}

	/**
	 * This event with the JSON object it was read from, and its type when the JSON names
	 * none.
	 * @param json the JSON
	 * @param eventType the type to use when the JSON has none, e.g. the event's
	 * {@code event:} name
	 * @return a new event
	 */
	public ResponsesStreamEvent withRaw(JsonNode json, @Nullable String eventType) {
		return new ResponsesStreamEvent((this.type != null) ? this.type : eventType, this.sequenceNumber,
				this.outputIndex, this.contentIndex, this.itemId, this.delta, this.text, this.item, this.response,
				json);
	}

}
