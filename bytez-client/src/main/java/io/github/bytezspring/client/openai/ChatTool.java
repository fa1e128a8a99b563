package io.github.bytezspring.client.openai;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * A tool a chat model may call, in OpenAI's {@code tools} shape: a function with a name,
 * a description and the JSON schema of its parameters. Bytez passes tools on as sent; a
 * model or provider that takes none answers with an error, which fails the call with the
 * typed exception of its status.
 *
 * @param type the tool type, {@code function}
 * @param function the function
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatTool(String type, Function function) {

	/**
	 * Create a tool.
	 * @param type the type, not blank
	 * @param function the function, not null
	 */
	public ChatTool {
		Assert.hasText(type, "type must not be blank");
		Assert.notNull(function, "function must not be null");
	}

	/**
	 * A function tool whose parameters are a JSON schema given as a map.
	 * @param name the function's name
	 * @param description what it does, for the model; or {@code null}
	 * @param parameters the JSON schema of its arguments, e.g.
	 * {@code {"type":"object","properties":{..}}}; or {@code null} for none
	 * @return the tool
	 */
	public static ChatTool function(String name, @Nullable String description, @Nullable Map<String, ?> parameters) {
		return new ChatTool("function", new Function(name, description,
				(parameters != null) ? JsonMapper.shared().valueToTree(parameters) : null));
	}

	/**
	 * A function tool whose parameters are a JSON schema given as a JSON object.
	 * @param name the function's name
	 * @param description what it does, for the model; or {@code null}
	 * @param parameters the JSON schema of its arguments; or {@code null} for none
	 * @return the tool
	 */
	public static ChatTool function(String name, @Nullable String description, @Nullable JsonNode parameters) {
		return new ChatTool("function", new Function(name, description, parameters));
	}

	/**
	 * A function a model may call.
	 *
	 * @param name its name, letters, digits, {@code _} and {@code -}
	 * @param description what it does, or {@code null}
	 * @param parameters the JSON schema of its arguments, a JSON object, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Function(String name, @Nullable String description, @Nullable JsonNode parameters) {

		/**
		 * Create a function, checking its name and that its parameters are a JSON object.
		 * @param name the name
		 * @param description the description
		 * @param parameters the parameters' schema
		 */
		public Function {
			Assert.hasText(name, "name must not be blank");
			Assert.isTrue(name.matches("[A-Za-z0-9_-]{1,64}"),
					() -> "name must be 1 to 64 letters, digits, '_' or '-', was '" + name + "'");
			Assert.isTrue(parameters == null || parameters.isObject(), "parameters must be a JSON object (a schema)");
		}

	}

}
