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
		return (this.choices != null && !this.choices.isEmpty() && this.choices.get(0).message() != null)
				? this.choices.get(0).message().content() : null;
	}

	/**
	 * One answer.
	 *
	 * @param index its position
	 * @param message the assistant's message
	 * @param finishReason why generation stopped, e.g. {@code stop} or {@code length}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Choice(int index, @Nullable ChatMessage message,
			@JsonProperty("finish_reason") @Nullable String finishReason) {
	}

}
