package io.github.bytezspring.client.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-style chat completion.
 *
 * @param id the completion's id
 * @param object the object type, {@code chat.completion}
 * @param created when it was created, in epoch seconds
 * @param model the model that answered
 * @param choices the answers, usually one
 * @param usage the tokens used, when reported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(@Nullable String id, @Nullable String object, @Nullable Long created,
		@Nullable String model, @Nullable List<Choice> choices, @Nullable OpenAiUsage usage) {

	/**
	 * The first answer's text.
	 * @return the text, or {@code null} when there is no answer
	 */
	public @Nullable String content() {
		ChatMessage message = firstMessage();
		return (message != null) ? message.content() : null;
	}

	/**
	 * The tools the first answer calls.
	 * @return the calls, empty when it calls none
	 */
	public List<ChatToolCall> toolCalls() {
		ChatMessage message = firstMessage();
		return (message != null && message.toolCalls() != null) ? message.toolCalls() : List.of();
	}

	/**
	 * The reasoning the model reports beside the first answer
	 * ({@code reasoning_content}).
	 * @return the reasoning, or {@code null} when there is none
	 */
	public @Nullable String reasoningContent() {
		ChatMessage message = firstMessage();
		return (message != null) ? message.reasoningContent() : null;
	}

	private @Nullable ChatMessage firstMessage() {
		Choice first = (this.choices != null && !this.choices.isEmpty()) ? this.choices.get(0) : null;
		return (first != null) ? first.message() : null;
	}

	/**
	 * One answer.
	 *
	 * @param index its position
	 * @param message the assistant's message
	 * @param finishReason why generation stopped, e.g. {@code stop}, {@code length} or
	 * {@code tool_calls}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Choice(int index, @Nullable ChatMessage message,
			@JsonProperty("finish_reason") @Nullable String finishReason) {
	}

}
