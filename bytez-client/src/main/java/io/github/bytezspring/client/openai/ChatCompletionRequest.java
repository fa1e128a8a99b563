package io.github.bytezspring.client.openai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An OpenAI-style chat completion request: a model, the conversation, the tools the model
 * may call, and any further OpenAI parameters ({@code temperature},
 * {@code max_completion_tokens}, ...).
 *
 * @param model an open model id or {@code provider/model} for a closed one
 * @param messages the conversation, at least one message
 * @param tools the tools the model may call ({@code tools}), empty for none
 * @param toolChoice whether and which tool it must call ({@code tool_choice}), or
 * {@code null}
 * @param params further request fields, sent as they are
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, List<ChatTool> tools,
		@Nullable ChatToolChoice toolChoice, Map<String, Object> params) {

	/**
	 * Create a request, checking that it has a model and messages, and that {@code tools}
	 * and {@code tool_choice} are not also given as params.
	 * @param model the model
	 * @param messages the conversation
	 * @param tools the tools, or {@code null} for none
	 * @param toolChoice the tool choice, or {@code null}
	 * @param params further request fields
	 */
	public ChatCompletionRequest {
		Assert.hasText(model, "model must not be blank");
		Assert.notEmpty(messages, "messages must not be empty or hold null");
		Assert.noNullElements(messages, "messages must not be empty or hold null");
		messages = List.copyOf(messages);
		if (tools != null) {
			Assert.noNullElements(tools, "tools must not hold null");
		}
		tools = (tools != null) ? List.copyOf(tools) : List.of();
		params = (params != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(params)) : Map.of();
		Assert.isTrue(tools.isEmpty() || !params.containsKey("tools"),
				"tools are given twice: as tools and as the 'tools' param");
		Assert.isTrue(toolChoice == null || !params.containsKey("tool_choice"),
				"tool_choice is given twice: as toolChoice and as the 'tool_choice' param");
	}

	/**
	 * A request without tools.
	 * @param model the model
	 * @param messages the conversation
	 * @param params further request fields
	 */
	public ChatCompletionRequest(String model, List<ChatMessage> messages, Map<String, Object> params) {
		this(model, messages, List.of(), null, params);
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
	 * A request with no further parameters.
	 * @param model the model
	 * @param messages the conversation
	 * @return the request
	 */
	public static ChatCompletionRequest of(String model, List<ChatMessage> messages) {
		return new ChatCompletionRequest(model, messages, Map.of());
	}

	/**
	 * This request with another parameter.
	 * @param name the OpenAI field name, e.g. {@code top_p}
	 * @param value its value
	 * @return a new request
	 */
	public ChatCompletionRequest withParam(String name, Object value) {
		return new ChatCompletionRequest(this.model, this.messages, this.tools, this.toolChoice,
				OpenAiParams.with(this.params, name, value));
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

	/**
	 * This request with the tools the model may call, in place of any given before. Bytez
	 * passes them on; a model that takes none fails the call with the error Bytez
	 * answers.
	 * @param tools the tools
	 * @return a new request
	 */
	public ChatCompletionRequest withTools(ChatTool... tools) {
		Assert.notNull(tools, "tools must not be null");
		return withTools(Arrays.asList(tools));
	}

	/**
	 * This request with the tools the model may call, in place of any given before.
	 * @param tools the tools
	 * @return a new request
	 */
	public ChatCompletionRequest withTools(List<ChatTool> tools) {
		Assert.notNull(tools, "tools must not be null");
		return new ChatCompletionRequest(this.model, this.messages, tools, this.toolChoice, this.params);
	}

	/**
	 * This request with a {@code tool_choice}.
	 * @param toolChoice e.g. {@link ChatToolChoice#required()} or
	 * {@link ChatToolChoice#function(String)}
	 * @return a new request
	 */
	public ChatCompletionRequest withToolChoice(ChatToolChoice toolChoice) {
		Assert.notNull(toolChoice, "toolChoice must not be null");
		return new ChatCompletionRequest(this.model, this.messages, this.tools, toolChoice, this.params);
	}

	/**
	 * This request with more messages at the end of the conversation, e.g. an answer that
	 * called tools and the tools' results.
	 * @param more the messages
	 * @return a new request
	 */
	public ChatCompletionRequest withMessages(ChatMessage... more) {
		Assert.notNull(more, "messages must not be null");
		Assert.noNullElements(more, "messages must not hold null");
		List<ChatMessage> all = new ArrayList<>(this.messages);
		all.addAll(Arrays.asList(more));
		return new ChatCompletionRequest(this.model, all, this.tools, this.toolChoice, this.params);
	}

}
