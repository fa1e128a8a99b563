package io.github.bytezspring.client.openai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whether and which tool a chat model must call, OpenAI's {@code tool_choice}:
 * {@code "auto"}, {@code "none"}, {@code "required"}, or one named function.
 */
public final class ChatToolChoice {

	private static final ChatToolChoice AUTO = new ChatToolChoice("auto");

	private static final ChatToolChoice NONE = new ChatToolChoice("none");

	private static final ChatToolChoice REQUIRED = new ChatToolChoice("required");

	private final Object value;

	private ChatToolChoice(Object value) {
		this.value = value;
	}

	/**
	 * The model decides whether to call a tool.
	 * @return the choice
	 */
	public static ChatToolChoice auto() {
		return AUTO;
	}

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	public static ChatToolChoice none() {
		return NONE;
	}

	/**
	 * The model calls at least one tool.
	 * @return the choice
	 */
	public static ChatToolChoice required() {
		return REQUIRED;
	}

	/**
	 * The model calls this function.
	 * @param name the function's name
	 * @return the choice
	 */
	public static ChatToolChoice function(String name) {
		Assert.hasText(name, "name must not be blank");
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("type", "function");
		choice.put("function", Map.of("name", name));
		return new ChatToolChoice(Collections.unmodifiableMap(choice));
	}

	/**
	 * The JSON value sent: a string, or
	 * {@code {"type":"function","function":{"name":..}}}.
	 * @return the value
	 */
	@JsonValue
	public Object value() {
		return this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ChatToolChoice choice) && this.value.equals(choice.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "ChatToolChoice{" + this.value + "}";
	}

}
