package io.github.bytezspring.client.openai;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An OpenAI-style chat completion request: a model, the conversation, and any further OpenAI
 * parameters ({@code temperature}, {@code max_completion_tokens}, ...).
 *
 * @param model an open model id or {@code provider/model} for a closed one
 * @param messages the conversation, at least one message
 * @param params further request fields, sent as they are
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Map<String, Object> params) {

	/**
	 * Create a request, checking that it has a model and messages.
	 * @param model the model
	 * @param messages the conversation
	 * @param params further request fields
	 */
	public ChatCompletionRequest {
		Assert.hasText(model, "model must not be blank");
		Assert.notEmpty(messages, "messages must not be empty or hold null");
		Assert.noNullElements(messages, "messages must not be empty or hold null");
		messages = List.copyOf(messages);
		params = (params != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(params)) : Map.of();
	}

	/**
	 * A request with no further parameters.
	 * @param model the model
	 * @param messages the conversation
	 * @return the request
	 */
	public static ChatCompletionRequest of(String model, ChatMessage... messages) {
		Assert.notEmpty(messages, "messages must not be empty or hold null");
		return new ChatCompletionRequest(model, Arrays.asList(messages), Map.of());
	}

	/**
	 * This request with another parameter.
	 * @param name the OpenAI field name, e.g. {@code top_p}
	 * @param value its value
	 * @return a new request
	 */
	public ChatCompletionRequest withParam(String name, Object value) {
		return new ChatCompletionRequest(this.model, this.messages, OpenAiParams.with(this.params, name, value));
	}

	/**
	 * This request with {@code max_completion_tokens}.
	 * @param maxCompletionTokens a positive count
	 * @return a new request
	 */
	public ChatCompletionRequest withMaxCompletionTokens(int maxCompletionTokens) {
		return withParam("max_completion_tokens", OpenAiParams.positive(maxCompletionTokens, "max_completion_tokens"));
	}

	/**
	 * This request with {@code temperature}.
	 * @param temperature zero or more
	 * @return a new request
	 */
	public ChatCompletionRequest withTemperature(double temperature) {
		return withParam("temperature", OpenAiParams.notNegative(temperature, "temperature"));
	}

}
