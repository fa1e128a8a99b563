package io.github.bytezspring.client.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Event of a streamed OpenAI-style chat completion;
 * {@link ChatCompletionAssembler} puts the chunks of a stream together into one
 * {@link ChatCompletion}.
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
		Delta delta = firstDelta();
		return (delta != null && delta.content() != null) ? delta.content() : "";
	}

	/**
	 * The first answer's new reasoning in this chunk ({@code reasoning_content}).
	 * @return the reasoning, empty when the chunk carries none
	 */
	public String reasoningContent() {
		Delta delta = firstDelta();
		return (delta != null && delta.reasoningContent() != null) ? delta.reasoningContent() : "";
	}

	/**
	 * The first answer's pieces of tool calls in this chunk.
	 * @return the pieces, empty when the chunk carries none
	 */
	public List<ToolCallDelta> toolCalls() {
		Delta delta = firstDelta();
		return (delta != null && delta.toolCalls() != null) ? delta.toolCalls() : List.of();
	}

	private @Nullable Delta firstDelta() {
		Choice first = (this.choices != null && !this.choices.isEmpty()) ? this.choices.get(0) : null;
		return (first != null) ? first.delta() : null;
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
	 * @param reasoningContent the new reasoning ({@code reasoning_content}), when the
	 * model reports it
	 * @param toolCalls the new pieces of tool calls
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Delta(@Nullable String role, @Nullable String content,
			@JsonProperty("reasoning_content") @JsonAlias("reasoning") @Nullable String reasoningContent,
			@JsonProperty("tool_calls") @Nullable List<ToolCallDelta> toolCalls) {

		/**
		 * What a chunk adds to an answer's text.
		 * @param role the role
		 * @param content the new text
		 */
		public Delta(@Nullable String role, @Nullable String content) {
			this(role, content, null, null);
		}

	}

	/**
	 * A piece of a tool call: the first piece of a call carries its id and function name,
	 * the later ones fragments of its arguments, all with the call's {@code index}.
	 *
	 * @param index which call of the answer
	 * @param id the call's id, on its first piece
	 * @param type the tool type, {@code function}, on its first piece
	 * @param function the function's name and a fragment of its arguments
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolCallDelta(@Nullable Integer index, @Nullable String id, @Nullable String type,
			ChatToolCall.@Nullable Function function) {
	}

}
