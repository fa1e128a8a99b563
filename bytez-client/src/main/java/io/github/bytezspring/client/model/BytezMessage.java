package io.github.bytezspring.client.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * One message of a chat conversation: a role ({@code system}, {@code user} or
 * {@code assistant}) and its content, a text or a list of text, image, audio and video
 * blocks.
 *
 * <p>
 * A message whose content is one text block is sent (and serialised) with its content as
 * a plain string, as Bytez's chat models expect; a chat model's answer reads back into
 * this type.
 *
 * @param role who speaks
 * @param content what is said, at least one block
 */
public record BytezMessage(String role, List<BytezContent> content) {

	/**
	 * Create a message, rejecting a blank role or a null or empty content.
	 * @param role who speaks
	 * @param content what is said, at least one block
	 */
	public BytezMessage {
		Assert.hasText(role, "message role must not be blank");
		Assert.notEmpty(content, "message content must not be null or empty");
		for (int i = 0; i < content.size(); i++) {
			Assert.notNull(content.get(i), "message content[" + i + "] must not be null");
		}
		content = List.copyOf(content);
	}

	/**
	 * Create a message whose content is a text.
	 * @param role who speaks
	 * @param content what is said, not null
	 */
	public BytezMessage(String role, String content) {
		this(role, List.of(textBlock(content)));
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
	 * A message from the user made of blocks, e.g. a question about an image:
	 * {@code BytezMessage.user(BytezContent.text("What is this?"), BytezContent.image(BytezMediaSource.url(url)))}.
	 * @param content the blocks, at least one
	 * @return the message
	 */
	public static BytezMessage user(BytezContent... content) {
		Assert.notEmpty(content, "message content must not be null or empty");
		return new BytezMessage("user", Arrays.asList(content));
	}

	/**
	 * A message from the assistant, e.g. an earlier answer in the conversation.
	 * @param content what the assistant said
	 * @return the message
	 */
	public static BytezMessage assistant(String content) {
		return new BytezMessage("assistant", content);
	}

	/**
	 * The text of this message: its text blocks, joined by a newline when there are
	 * several.
	 * @return the text, empty when the message holds only media
	 */
	public String text() {
		return this.content.stream()
			.filter((block) -> block.type() == BytezContent.Type.TEXT)
			.map(BytezContent::text)
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Read a message from its JSON form, whose content is a string or a list of blocks.
	 * @param node the JSON object
	 * @return the message
	 */
	@JsonCreator
	static BytezMessage fromJson(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a message must be a JSON object, not " + node);
		}
		JsonNode role = node.get("role");
		JsonNode content = node.get("content");
		// no role fails the record's own check, as a blank one does
		String roleText = (role != null && role.isString()) ? role.stringValue() : "";
		if (content != null && content.isString()) {
			return new BytezMessage(roleText, content.stringValue());
		}
		if (content == null || !content.isArray()) {
			throw new IllegalArgumentException("message content must be a string or a list of blocks, not " + content);
		}
		List<BytezContent> blocks = new ArrayList<>(content.size());
		content.forEach((block) -> blocks.add(BytezContent.fromJson(block)));
		return new BytezMessage(roleText, blocks);
	}

	/**
	 * This message as Bytez expects it: the content a plain string when it is a single
	 * text block.
	 * @return the JSON object
	 */
	@JsonValue
	ObjectNode toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode().put("role", this.role);
		if (this.content.size() == 1 && this.content.get(0).type() == BytezContent.Type.TEXT) {
			node.put("content", this.content.get(0).text());
		}
		else {
			ArrayNode blocks = node.putArray("content");
			this.content.forEach((block) -> blocks.add(block.toJson()));
		}
		return node;
	}

	/**
	 * The decoded size of the media this message carries inline.
	 * @return the bytes, 0 when it carries none
	 */
	long inlineMediaSize() {
		return this.content.stream().mapToLong(BytezContent::inlineMediaSize).sum();
	}

	private static BytezContent textBlock(@Nullable String content) {
		Assert.notNull(content, "message content must not be null");
		return BytezContent.text(content);
	}

}
