package io.github.bytezspring.client.openai;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import org.springframework.util.Assert;

/**
 * One message of an OpenAI-style chat: a role ({@code system}, {@code user},
 * {@code assistant}, {@code tool}) and its content, a text or a list of
 * {@link ChatContentPart parts}; an assistant message may carry tool calls and reasoning,
 * a tool message the id of the call it answers.
 * <p>
 * It is written in OpenAI's shape: {@code content} as a plain string for text, as an
 * array for parts; fields that are {@code null} are left out.
 *
 * @param role who speaks
 * @param content the text; {@code null} when the content is parts, or in an answer that
 * holds no text (e.g. tool calls)
 * @param contentParts the content as parts (text, images, audio), or {@code null} for
 * text
 * @param toolCalls the tools an assistant message calls, or {@code null}
 * @param toolCallId the call a {@code tool} message answers, or {@code null}
 * @param reasoningContent the reasoning a model reports beside its answer
 * ({@code reasoning_content}), or {@code null}; some providers refuse it in a request,
 * see {@link #withoutReasoning()}
 */
@JsonSerialize(using = ChatMessageJson.Writer.class)
@JsonDeserialize(using = ChatMessageJson.Reader.class)
public record ChatMessage(@Nullable String role, @Nullable String content, @Nullable List<ChatContentPart> contentParts,
		@Nullable List<ChatToolCall> toolCalls, @Nullable String toolCallId, @Nullable String reasoningContent) {

	/**
	 * Create a message, checking that it has text or parts, not both.
	 * @param role who speaks
	 * @param content the text
	 * @param contentParts the parts
	 * @param toolCalls the tool calls
	 * @param toolCallId the answered call
	 * @param reasoningContent the reasoning
	 */
	public ChatMessage {
		Assert.isTrue(content == null || contentParts == null, "a message has text content or content parts, not both");
		if (contentParts != null) {
			Assert.noNullElements(contentParts, "contentParts must not hold null");
			contentParts = List.copyOf(contentParts);
		}
		if (toolCalls != null) {
			Assert.noNullElements(toolCalls, "toolCalls must not hold null");
			toolCalls = List.copyOf(toolCalls);
		}
	}

	/**
	 * A message with a role and a text.
	 * @param role who speaks
	 * @param content the text
	 */
	public ChatMessage(@Nullable String role, @Nullable String content) {
		this(role, content, null, null, null, null);
	}

	/**
	 * A system instruction.
	 * @param content the instruction
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return new ChatMessage("system", content);
	}

	/**
	 * A user message.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return new ChatMessage("user", content);
	}

	/**
	 * A user message of parts, e.g. a question and an image.
	 * @param parts the parts, at least one
	 * @return the message
	 */
	public static ChatMessage user(ChatContentPart... parts) {
		Assert.notEmpty(parts, "parts must not be empty");
		return user(Arrays.asList(parts));
	}

	/**
	 * A user message of parts.
	 * @param parts the parts, at least one
	 * @return the message
	 */
	public static ChatMessage user(List<ChatContentPart> parts) {
		Assert.notEmpty(parts, "parts must not be empty");
		return new ChatMessage("user", null, parts, null, null, null);
	}

	/**
	 * An earlier assistant answer.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return new ChatMessage("assistant", content);
	}

	/**
	 * An earlier assistant answer that called tools.
	 * @param content the text beside the calls, or {@code null}
	 * @param toolCalls the calls, at least one
	 * @return the message
	 */
	public static ChatMessage assistant(@Nullable String content, List<ChatToolCall> toolCalls) {
		Assert.notEmpty(toolCalls, "toolCalls must not be empty");
		return new ChatMessage("assistant", content, null, toolCalls, null, null);
	}

	/**
	 * The result of a tool call, sent back to the model.
	 * @param toolCallId the id of the call it answers ({@link ChatToolCall#id()})
	 * @param content the result, e.g. a JSON text
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String content) {
		Assert.hasText(toolCallId, "toolCallId must not be blank");
		Assert.notNull(content, "content must not be null");
		return new ChatMessage("tool", content, null, null, toolCallId, null);
	}

	/**
	 * This message without its reasoning, to send an answer back as part of the
	 * conversation to a provider that refuses {@code reasoning_content} in requests.
	 * @return the message without reasoning
	 */
	public ChatMessage withoutReasoning() {
		return (this.reasoningContent != null)
				? new ChatMessage(this.role, this.content, this.contentParts, this.toolCalls, this.toolCallId, null)
				: this;
	}

	@Override
	public String toString() {
		return "ChatMessage{role=" + this.role + ((this.content != null) ? ", content=" + this.content : "")
				+ ((this.contentParts != null) ? ", contentParts=" + this.contentParts : "")
				+ ((this.toolCalls != null) ? ", toolCalls=" + this.toolCalls : "")
				+ ((this.toolCallId != null) ? ", toolCallId=" + this.toolCallId : "")
				+ ((this.reasoningContent != null) ? ", reasoningContent=" + this.reasoningContent : "") + "}";
	}

}
