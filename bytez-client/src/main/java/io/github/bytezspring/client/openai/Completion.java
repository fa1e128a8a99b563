package io.github.bytezspring.client.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-style text completion.
 *
 * @param id the completion's id
 * @param object the object type, {@code text_completion}
 * @param created when it was created, in epoch seconds
 * @param model the model that answered
 * @param choices the continuations, usually one
 * @param usage the tokens used, when reported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Completion(@Nullable String id, @Nullable String object, @Nullable Long created, @Nullable String model,
		@Nullable List<Choice> choices, @Nullable OpenAiUsage usage) {

	/**
	 * The first continuation's text.
	 * @return the text, or {@code null} when there is none
	 */
	public @Nullable String text() {
		Choice first = (this.choices != null && !this.choices.isEmpty()) ? this.choices.get(0) : null;
		return (first != null) ? first.text() : null;
	}

	/**
	 * One continuation.
	 *
	 * @param index its position
	 * @param text the generated text
	 * @param finishReason why generation stopped
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Choice(int index, @Nullable String text,
			@JsonProperty("finish_reason") @Nullable String finishReason) {
	}

}
