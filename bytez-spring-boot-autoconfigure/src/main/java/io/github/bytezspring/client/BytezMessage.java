package io.github.bytezspring.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One message of a chat conversation: a role ({@code system}, {@code user} or {@code assistant}) and
 * its text.
 *
 * @param role who speaks
 * @param content what is said
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BytezMessage(String role, String content) {

	/**
	 * Create a message, rejecting a blank role or a null content.
	 * @param role who speaks
	 * @param content what is said
	 */
	public BytezMessage {
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("message role must not be blank");
		}
		if (content == null) {
			throw new IllegalArgumentException("message content must not be null");
		}
	}

	/**
	 * A system instruction.
	 * @param content the instruction
	 * @return the message
	 */
	public static BytezMessage system(String content) {
		return new BytezMessage("system", content);
	}

	/**
	 * A message from the user.
	 * @param content what the user says
	 * @return the message
	 */
	public static BytezMessage user(String content) {
		return new BytezMessage("user", content);
	}

	/**
	 * A message from the assistant, e.g. an earlier answer in the conversation.
	 * @param content what the assistant said
	 * @return the message
	 */
	public static BytezMessage assistant(String content) {
		return new BytezMessage("assistant", content);
	}

}
