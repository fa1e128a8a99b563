package io.github.bytezspring.client.openai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An OpenAI-style Responses request: a model, an input (a prompt or chat messages) and
 * any further parameters ({@code max_output_tokens}, {@code reasoning}, {@code tools},
 * ...).
 *
 * @param model the model
 * @param input a {@code String} prompt or a {@code List<ChatMessage>}
 * @param params further request fields, sent as they are
 */
public record ResponsesRequest(String model, Object input, Map<String, Object> params) {

	/**
	 * Create a request, checking that it has a model and an input.
	 * @param model the model
	 * @param input the input
	 * @param params further request fields
	 */
	public ResponsesRequest {
		Assert.hasText(model, "model must not be blank");
		Assert.isTrue(input instanceof String || (input instanceof List<?> list && !list.isEmpty()),
				"input must be a prompt or a non-empty list of messages");
		params = (params != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(params)) : Map.of();
	}

	/**
	 * A request with a plain prompt.
	 * @param model the model
	 * @param prompt the prompt
	 * @return the request
	 */
	public static ResponsesRequest of(String model, String prompt) {
		return new ResponsesRequest(model, prompt, Map.of());
	}

	/**
	 * A request with chat-style messages.
	 * @param model the model
	 * @param messages the messages
	 * @return the request
	 */
	public static ResponsesRequest of(String model, List<ChatMessage> messages) {
		Assert.notEmpty(messages, "input must be a prompt or a non-empty list of messages");
		Assert.noNullElements(messages, "messages must not hold null");
		return new ResponsesRequest(model, List.copyOf(messages), Map.of());
	}

	/**
	 * This request with another parameter.
	 * @param name the field name, e.g. {@code max_output_tokens}
	 * @param value its value
	 * @return a new request
	 */
	public ResponsesRequest withParam(String name, Object value) {
		return new ResponsesRequest(this.model, this.input, OpenAiParams.with(this.params, name, value));
	}

}
