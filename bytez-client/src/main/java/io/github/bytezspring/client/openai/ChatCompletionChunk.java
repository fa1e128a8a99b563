package io.github.bytezspring.client.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Event of a streamed OpenAI-style chat completion.
 *
 * @param id the completion's id
 * @param object the object type, {@code chat.completion.chunk}
 * @param created when it was created, in epoch seconds
 * @param model the model that answers
 * @param choices the pieces of the answers, usually one
 * @param usage the tokens used, on the last chunk when the server reports them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(@Nullable String id, @Nullable String object, @Nullable Long created,
		@Nullable String model, @Nullable List<Choice> choices, @Nullable OpenAiUsage usage) {

	/**
	 * The first answer's new text in this chunk.
	 * @return the text, empty when the chunk carries none
	 */
	public String content() {
		if (this.choices == null || this.choices.isEmpty() || this.choices.get(0).delta() == null
				|| this.choices.get(0).delta().content() == null) {
			return "";
		}
		return this.choices.get(0).delta().content();
	}

	/**
	 * The piece of one answer.
	 *
	 * @param index which answer
	 * @param delta what it adds
	 * @param finishReason why generation stopped, on the answer's last chunk
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Choice(int index, @Nullable Delta delta,
			@JsonProperty("finish_reason") @Nullable String finishReason) {
	}

	/**
	 * What a chunk adds to an answer.
	 *
	 * @param role the role, on the first chunk
	 * @param content the new text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Delta(@Nullable String role, @Nullable String content) {
	}

}
