package io.github.bytezspring.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool call the stub answers an OpenAI-compatible request with {@code tools} with,
 * instead of the model's text: deterministic, so that a test can assert it.
 * <p>
 * It calls the function {@code tool_choice} names, or else the first tool; it calls none
 * when {@code tool_choice} is {@code "none"}, or when it is {@code "auto"} (or absent)
 * and the last message is a tool's result, so that a tool loop ends with the model's
 * text. The arguments hold each {@code required} property of the tool's parameter schema
 * with a placeholder of its type: the first {@code enum} value, {@code "stub"} for a
 * string, {@code 0} for a number, {@code false}, {@code []} or {@code {}}.
 *
 * @param name the called function
 * @param arguments its arguments, a JSON text
 */
record StubToolCall(String name, String arguments) {

	/**
	 * The call for a request, or {@code null} when it calls no tool.
	 * @param body the request body
	 * @param answersToolResult whether the last message is a tool's result
	 * @param mapper writes the arguments
	 * @return the call, or {@code null}
	 */
	static @Nullable StubToolCall of(JsonNode body, boolean answersToolResult, ObjectMapper mapper) {
		JsonNode tools = body.path("tools");
		if (!tools.isArray() || tools.isEmpty()) {
			return null;
		}
		JsonNode choice = body.path("tool_choice");
		String chosen = chosenName(choice);
		boolean forced = chosen != null || choice.asString("").equals("required");
		if (choice.asString("").equals("none") || (!forced && answersToolResult)) {
			return null;
		}
		for (JsonNode tool : tools) {
			String name = nameOf(tool);
			if (name != null && (chosen == null || chosen.equals(name))) {
				return new StubToolCall(name, mapper.writeValueAsString(arguments(parametersOf(tool), mapper)));
			}
		}
		return null;
	}

	/**
	 * Whether {@code tool_choice} names a function that is not among the tools.
	 * @param body the request body
	 * @return whether the choice cannot be followed
	 */
	static boolean choiceNamesMissingTool(JsonNode body) {
		String chosen = chosenName(body.path("tool_choice"));
		if (chosen == null) {
			return false;
		}
		for (JsonNode tool : body.path("tools")) {
			if (chosen.equals(nameOf(tool))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The name of {@code {"type":"function","function":{"name":..}}} or the Responses
	 * API's flat form.
	 */
	private static @Nullable String chosenName(JsonNode choice) {
		if (!choice.isObject()) {
			return null;
		}
		return nameOf(choice);
	}

	private static @Nullable String nameOf(JsonNode tool) {
		JsonNode name = tool.path("function").path("name");
		if (!name.isString()) {
			name = tool.path("name");
		}
		return name.isString() ? name.stringValue() : null;
	}

	private static JsonNode parametersOf(JsonNode tool) {
		JsonNode parameters = tool.path("function").path("parameters");
		return parameters.isObject() ? parameters : tool.path("parameters");
	}

	private static ObjectNode arguments(JsonNode schema, ObjectMapper mapper) {
		ObjectNode arguments = mapper.createObjectNode();
		JsonNode properties = schema.path("properties");
		for (JsonNode required : schema.path("required")) {
			String property = required.asString("");
			if (!property.isEmpty()) {
				arguments.set(property, placeholder(properties.path(property), mapper));
			}
		}
		return arguments;
	}

	private static JsonNode placeholder(JsonNode schema, ObjectMapper mapper) {
		JsonNode values = schema.path("enum");
		if (values.isArray() && !values.isEmpty()) {
			return values.get(0);
		}
		String type = schema.path("type").isArray() ? schema.path("type").path(0).asString("")
				: schema.path("type").asString("");
		Map<String, JsonNode> placeholders = Map.of("string", mapper.getNodeFactory().stringNode("stub"), "number",
				mapper.getNodeFactory().numberNode(0), "integer", mapper.getNodeFactory().numberNode(0), "boolean",
				mapper.getNodeFactory().booleanNode(false), "array", mapper.createArrayNode(), "object",
				mapper.createObjectNode());
		return placeholders.getOrDefault(type, mapper.getNodeFactory().stringNode("stub"));
	}

}
