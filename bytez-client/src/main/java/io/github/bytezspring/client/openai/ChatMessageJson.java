package io.github.bytezspring.client.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * How a {@link ChatMessage} is written and read: {@code content} is a string or an array
 * of parts, which one record component cannot say.
 */
final class ChatMessageJson {

	private static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio");

	private ChatMessageJson() {
	}

	/**
	 * Writes a message in OpenAI's shape, leaving out null fields.
	 */
	static final class Writer extends ValueSerializer<ChatMessage> {

		@Override
		public void serialize(ChatMessage message, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject();
			if (message.role() != null) {
				gen.writeStringProperty("role", message.role());
			}
			if (message.content() != null) {
				gen.writeStringProperty("content", message.content());
			}
			else if (message.contentParts() != null) {
				gen.writeName("content");
				gen.writeStartArray();
				for (ChatContentPart part : message.contentParts()) {
					// typed: with the "type" id that ChatContentPart declares
					ctxt.findTypedValueSerializer(part.getClass(), true).serialize(part, gen, ctxt);
				}
				gen.writeEndArray();
			}
			if (message.toolCalls() != null) {
				gen.writeName("tool_calls");
				ctxt.writeValue(gen, message.toolCalls());
			}
			if (message.toolCallId() != null) {
				gen.writeStringProperty("tool_call_id", message.toolCallId());
			}
			if (message.reasoningContent() != null) {
				gen.writeStringProperty("reasoning_content", message.reasoningContent());
			}
			gen.writeEndObject();
		}

	}

	/**
	 * Reads a message: a string or an array of parts as content (parts of other types
	 * than text, image and audio are left out), tool calls, and reasoning as
	 * {@code reasoning_content} or {@code reasoning}.
	 */
	static final class Reader extends ValueDeserializer<ChatMessage> {

		@Override
		public ChatMessage deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonNode node = ctxt.readTree(p);
			if (!node.isObject()) {
				return ctxt.reportInputMismatch(ChatMessage.class, "a chat message must be a JSON object");
			}
			String content = null;
			List<ChatContentPart> parts = null;
			JsonNode contentNode = node.get("content");
			if (contentNode != null && contentNode.isString()) {
				content = contentNode.stringValue();
			}
			else if (contentNode != null && contentNode.isArray()) {
				parts = new ArrayList<>();
				for (JsonNode part : contentNode) {
					if (PART_TYPES.contains(part.path("type").asString(""))) {
						parts.add(ctxt.readTreeAsValue(part, ChatContentPart.class));
					}
				}
			}
			else if (contentNode != null && !contentNode.isNull()) {
				return ctxt.reportInputMismatch(ChatMessage.class, "content must be a string or an array of parts");
			}
			List<ChatToolCall> toolCalls = null;
			JsonNode calls = node.get("tool_calls");
			if (calls != null && calls.isArray()) {
				toolCalls = new ArrayList<>();
				for (JsonNode call : calls) {
					toolCalls.add(ctxt.readTreeAsValue(call, ChatToolCall.class));
				}
			}
			String reasoning = text(ctxt, node, "reasoning_content");
			return new ChatMessage(text(ctxt, node, "role"), content, parts, toolCalls,
					text(ctxt, node, "tool_call_id"),
					(reasoning != null) ? reasoning : textOrNull(node.get("reasoning")));
		}

		private static @Nullable String text(DeserializationContext ctxt, JsonNode node, String name) {
			JsonNode value = node.get(name);
			if (value != null && !value.isNull() && !value.isString()) {
				return ctxt.reportInputMismatch(ChatMessage.class, "%s must be a string", name);
			}
			return textOrNull(value);
		}

		private static @Nullable String textOrNull(@Nullable JsonNode value) {
			return (value != null && value.isString()) ? value.stringValue() : null;
		}

	}

}
