package io.github.bytezspring.test;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer the stub gives an OpenAI-compatible request that asks for native structured
 * output (chat completions' {@code response_format} or the Responses API's
 * {@code text.format} of type {@code json_schema}): a JSON text that follows the schema,
 * built deterministically from it.
 * <p>
 * Every property of an object is present, an array holds one element, a string is the
 * first {@code enum} value or {@code "stub"}, a number {@code 0}, a boolean
 * {@code false}; {@code $ref}s into {@code $defs} or {@code definitions} are followed,
 * and of {@code anyOf}/{@code oneOf} the first alternative that is not {@code null} is
 * taken.
 */
final class StubSchemaAnswer {

	private static final int MAX_DEPTH = 16;

	private StubSchemaAnswer() {
	}

	/**
	 * The JSON answer for a request, or {@code null} when it asks for no schema.
	 * @param body the request body
	 * @param mapper writes the answer
	 * @return the JSON text, or {@code null}
	 */
	static @Nullable String of(JsonNode body, ObjectMapper mapper) {
		JsonNode schema = schemaOf(body);
		if (schema == null) {
			return null;
		}
		return mapper.writeValueAsString(instance(schema, schema, mapper, 0));
	}

	private static @Nullable JsonNode schemaOf(JsonNode body) {
		JsonNode chat = body.path("response_format");
		if (chat.path("type").asString("").equals("json_schema")
				&& chat.path("json_schema").path("schema").isObject()) {
			return chat.path("json_schema").path("schema");
		}
		JsonNode responses = body.path("text").path("format");
		if (responses.path("type").asString("").equals("json_schema") && responses.path("schema").isObject()) {
			return responses.path("schema");
		}
		return null;
	}

	private static JsonNode instance(JsonNode schema, JsonNode root, ObjectMapper mapper, int depth) {
		if (depth > MAX_DEPTH) {
			return mapper.nullNode();
		}
		JsonNode ref = schema.path("$ref");
		if (ref.isString()) {
			return instance(resolve(ref.stringValue(), root), root, mapper, depth + 1);
		}
		for (String alternatives : new String[] { "anyOf", "oneOf", "allOf" }) {
			JsonNode choices = schema.path(alternatives);
			if (choices.isArray() && !choices.isEmpty()) {
				for (JsonNode choice : choices) {
					if (!"null".equals(choice.path("type").asString(""))) {
						return instance(choice, root, mapper, depth + 1);
					}
				}
			}
		}
		JsonNode values = schema.path("enum");
		if (values.isArray() && !values.isEmpty()) {
			return values.get(0);
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		return switch (type(schema)) {
			case "object" -> object(schema, root, mapper, depth);
			case "array" -> {
				ArrayNode array = mapper.createArrayNode();
				array.add(instance(schema.path("items"), root, mapper, depth + 1));
				yield array;
			}
			case "integer", "number" -> mapper.getNodeFactory().numberNode(0);
			case "boolean" -> mapper.getNodeFactory().booleanNode(false);
			case "null" -> mapper.nullNode();
			default -> mapper.getNodeFactory().stringNode("stub");
		};
	}

	private static ObjectNode object(JsonNode schema, JsonNode root, ObjectMapper mapper, int depth) {
		ObjectNode object = mapper.createObjectNode();
		JsonNode properties = schema.path("properties");
		Iterator<String> names = properties.propertyNames().iterator();
		while (names.hasNext()) {
			String name = names.next();
			object.set(name, instance(properties.get(name), root, mapper, depth + 1));
		}
		return object;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode one : type) {
				if (!one.asString("").equals("null")) {
					return one.asString("");
				}
			}
			return "null";
		}
		if (type.isString()) {
			return type.stringValue();
		}
		return schema.has("properties") ? "object" : "string";
	}

	private static JsonNode resolve(String ref, JsonNode root) {
		if (!ref.startsWith("#")) {
			return MissingNode.getInstance();
		}
		JsonNode node = root;
		for (String part : ref.substring(1).split("/")) {
			if (!part.isEmpty()) {
				node = node.path(part.replace("~1", "/").replace("~0", "~"));
			}
		}
		return node;
	}

}
