package io.github.bytezspring.client.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A call of a function tool that an assistant message asks for, as OpenAI sends it in
 * {@code tool_calls}; send the result back with {@link ChatMessage#tool(String, String)}.
 *
 * @param id the call's id, which the tool message names
 * @param type the tool type, {@code function}
 * @param function the function and its arguments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatToolCall(@Nullable String id, @Nullable String type, @Nullable Function function) {

	/**
	 * A function call, e.g. for an earlier assistant message of a conversation.
	 * @param id the call's id
	 * @param name the function's name
	 * @param arguments the arguments as a JSON text
	 * @return the call
	 */
	public static ChatToolCall function(String id, String name, String arguments) {
		Assert.hasText(id, "id must not be blank");
		return new ChatToolCall(id, "function", new Function(name, arguments));
	}

	/**
	 * The function's name.
	 * @return the name, or {@code null} when the answer named none
	 */
	public @Nullable String name() {
		return (this.function != null) ? this.function.name() : null;
	}

	/**
	 * The function's arguments as the model wrote them.
	 * @return the JSON text, or {@code null} when the answer gave none
	 */
	public @Nullable String arguments() {
		return (this.function != null) ? this.function.arguments() : null;
	}

	/**
	 * A called function.
	 *
	 * @param name its name
	 * @param arguments its arguments, a JSON text the model wrote (not necessarily valid
	 * JSON)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Function(@Nullable String name, @Nullable String arguments) {
	}

}
