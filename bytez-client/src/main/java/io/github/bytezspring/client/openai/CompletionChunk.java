package io.github.bytezspring.client.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Event of a streamed OpenAI-style text completion.
 *
 * @param id the completion's id
 * @param object the object type, {@code text_completion}
 * @param created when it was created, in epoch seconds
 * @param model the model that answers
 * @param choices the pieces of the continuations, usually one
 * @param usage the tokens used, on the last chunk when the server reports them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionChunk(@Nullable String id, @Nullable String object, @Nullable Long created,
		@Nullable String model, @Nullable List<Completion.Choice> choices, @Nullable OpenAiUsage usage) {

	/**
	 * The first continuation's new text in this chunk.
	 * @return the text, empty when the chunk carries none
	 */
	public String text() {
		Completion.Choice first = first();
		return (first != null && first.text() != null) ? first.text() : "";
	}

	/**
	 * Why the first continuation stopped, on its last chunk.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String finishReason() {
		Completion.Choice first = first();
		return (first != null) ? first.finishReason() : null;
	}

	private Completion.@Nullable Choice first() {
		return (this.choices != null && !this.choices.isEmpty()) ? this.choices.get(0) : null;
	}

}
