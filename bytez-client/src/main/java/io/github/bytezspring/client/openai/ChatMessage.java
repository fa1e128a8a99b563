package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One message of an OpenAI-style chat: a role ({@code system}, {@code user}, {@code assistant}) and
 * its text.
 *
 * @param role who speaks
 * @param content what is said; {@code null} in an answer that holds no text (e.g. tool calls)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(@Nullable String role, @Nullable String content) {

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
	 * An earlier assistant answer.
	 * @param content the text
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return new ChatMessage("assistant", content);
	}

}
