package io.github.bytezspring.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.openai.ChatContentPart;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.ChatTool;
import io.github.bytezspring.client.openai.ChatToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A Spring AI conversation and its tools in the shapes of Bytez's OpenAI-compatible
 * endpoints: chat completions' messages and {@code tools}, and the Responses API's input
 * items ({@code function_call}, {@code function_call_output}) and flat function tools.
 */
final class OpenAiPrompt {

	private static final JsonMapper JSON = JsonMapper.shared();

	private OpenAiPrompt() {
	}

	static List<ChatMessage> chatMessages(List<Message> messages) {
		List<ChatMessage> converted = new ArrayList<>();
		for (Message message : messages) {
			if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
				List<ChatToolCall> calls = assistant.getToolCalls()
					.stream()
					.map((call) -> ChatToolCall.function(call.id(), call.name(), call.arguments()))
					.toList();
				converted.add(ChatMessage.assistant(emptyToNull(assistant.getText()), calls));
			}
			else if (message instanceof ToolResponseMessage results) {
				results.getResponses()
					.forEach((result) -> converted.add(ChatMessage.tool(result.id(), text(result.responseData()))));
			}
			else {
				converted.add(plain(message));
			}
		}
		return converted;
	}

	/**
	 * The Responses API's input: messages, and a model's earlier tool calls and their
	 * results as {@code function_call} and {@code function_call_output} items.
	 */
	static List<Object> responsesInput(List<Message> messages) {
		List<Object> input = new ArrayList<>();
		for (Message message : messages) {
			if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
				if (assistant.getText() != null && !assistant.getText().isEmpty()) {
					input.add(ChatMessage.assistant(assistant.getText()));
				}
				for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("type", "function_call");
					item.put("call_id", call.id());
					item.put("name", call.name());
					item.put("arguments", text(call.arguments()));
					input.add(item);
				}
			}
			else if (message instanceof ToolResponseMessage results) {
				for (ToolResponseMessage.ToolResponse result : results.getResponses()) {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("type", "function_call_output");
					item.put("call_id", result.id());
					item.put("output", text(result.responseData()));
					input.add(item);
				}
			}
			else {
				input.add(plain(message));
			}
		}
		return input;
	}

	static List<ChatTool> chatTools(List<ToolCallback> tools) {
		return tools.stream()
			.map(ToolCallback::getToolDefinition)
			.map((tool) -> ChatTool.function(tool.name(), emptyToNull(tool.description()),
					schema(tool.inputSchema(), "the input schema of tool " + tool.name())))
			.toList();
	}

	static List<Map<String, Object>> responsesTools(List<ToolCallback> tools) {
		List<Map<String, Object>> converted = new ArrayList<>();
		for (ToolCallback callback : tools) {
			ToolDefinition tool = callback.getToolDefinition();
			Map<String, Object> function = new LinkedHashMap<>();
			function.put("type", "function");
			function.put("name", tool.name());
			if (tool.description() != null && !tool.description().isEmpty()) {
				function.put("description", tool.description());
			}
			JsonNode parameters = schema(tool.inputSchema(), "the input schema of tool " + tool.name());
			if (parameters != null) {
				function.put("parameters", parameters);
			}
			converted.add(function);
		}
		return converted;
	}

	/**
	 * A JSON schema given as a text, checked to be a JSON object before anything is sent.
	 */
	static @Nullable JsonNode schema(@Nullable String schema, String what) {
		if (schema == null || schema.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(schema);
			if (!node.isObject()) {
				throw new IllegalArgumentException(what + " is not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static ChatMessage plain(Message message) {
		if (message instanceof SystemMessage system) {
			return ChatMessage.system(text(system.getText()));
		}
		if (message instanceof UserMessage user) {
			return user(user);
		}
		if (message instanceof AssistantMessage assistant) {
			return ChatMessage.assistant(text(assistant.getText()));
		}
		throw new IllegalArgumentException("unsupported message type " + message.getMessageType());
	}

	private static ChatMessage user(UserMessage user) {
		if (user.getMedia().isEmpty()) {
			return ChatMessage.user(text(user.getText()));
		}
		List<ChatContentPart> parts = new ArrayList<>();
		if (user.getText() != null && !user.getText().isEmpty()) {
			parts.add(ChatContentPart.text(user.getText()));
		}
		for (Media media : user.getMedia()) {
			parts.add(switch (media.getMimeType().getType()) {
				case "image" -> ChatContentPart.image(BytezChatRequest.source(media));
				case "audio" -> ChatContentPart.audio(BytezChatRequest.source(media));
				default -> throw new IllegalArgumentException(
						"Bytez's OpenAI-compatible endpoints take image and audio media, not " + media.getMimeType());
			});
		}
		return ChatMessage.user(parts);
	}

	private static String text(@Nullable String text) {
		return (text != null) ? text : "";
	}

	private static @Nullable String emptyToNull(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

}
