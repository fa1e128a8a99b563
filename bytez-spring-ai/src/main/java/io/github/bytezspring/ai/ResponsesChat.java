package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.openai.ResponsesOutputItem;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;
import io.github.bytezspring.client.openai.ResponsesUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A prompt as a call of Bytez's OpenAI-compatible {@code /responses}, the endpoint Bytez
 * documents tools and reasoning on, and its answer (whole, or its final streamed event)
 * as a {@link ChatAnswer}.
 */
final class ResponsesChat {

	private ResponsesChat() {
	}

	static ResponsesRequest request(Prompt prompt, BytezChatOptions options) {
		Map<String, Object> params = new LinkedHashMap<>();
		putIfSet(params, "max_output_tokens", options.getMaxTokens());
		putIfSet(params, "temperature", options.getTemperature());
		putIfSet(params, "top_p", options.getTopP());
		if (!options.getToolCallbacks().isEmpty()) {
			params.put("tools", OpenAiPrompt.responsesTools(options.getToolCallbacks()));
		}
		Map<String, Object> reasoning = new LinkedHashMap<>();
		putIfSet(reasoning, "effort", options.getReasoningEffort());
		putIfSet(reasoning, "summary", options.getReasoningSummary());
		if (!reasoning.isEmpty()) {
			params.put("reasoning", reasoning);
		}
		JsonNode schema = OpenAiPrompt.schema(options.getOutputSchema(), "the output schema");
		if (schema != null) {
			Map<String, Object> format = new LinkedHashMap<>();
			format.put("type", "json_schema");
			format.put("name", "response");
			format.put("schema", schema);
			format.put("strict", true);
			params.put("text", Map.of("format", format));
		}
		return new ResponsesRequest(BytezChatRequest.modelId(options),
				OpenAiPrompt.responsesInput(prompt.getInstructions()), params);
	}

	static ChatAnswer answer(ResponsesResult result) {
		return answer(result, (result.outputText() != null) ? result.outputText() : "", result.raw());
	}

	/**
	 * The answer of a stream's final event, whose text the earlier events already
	 * carried.
	 */
	static ChatAnswer finalAnswer(ResponsesStreamEvent event) {
		ResponsesResult result = event.response();
		if (result == null) {
			return new ChatAnswer("", List.of(), null, null, "stop", null, BytezTokenUsage.empty());
		}
		JsonNode raw = (event.raw() != null) ? event.raw().get("response") : null;
		return answer(result, "", raw);
	}

	// a tool call's id and name go to Spring AI as Bytez sent them, absent ones included:
	// nothing is invented
	@SuppressWarnings("NullAway")
	private static ChatAnswer answer(ResponsesResult result, String text, @Nullable JsonNode raw) {
		List<AssistantMessage.ToolCall> calls = result.functionCalls()
			.stream()
			.map((call) -> new AssistantMessage.ToolCall((call.callId() != null) ? call.callId() : call.id(),
					"function", call.name(), (call.arguments() != null) ? call.arguments() : "{}"))
			.toList();
		String summary = reasoning(result, true);
		String reasoning = reasoning(result, false);
		String finishReason = !calls.isEmpty() ? "tool_calls"
				: "incomplete".equals(result.status()) ? "length" : "stop";
		return new ChatAnswer(text, calls, reasoning, summary, finishReason, result.id(), usage(result.usage(), raw));
	}

	private static @Nullable String reasoning(ResponsesResult result, boolean summary) {
		String joined = result.output()
			.stream()
			.filter((item) -> "reasoning".equals(item.type()))
			.map((item) -> summary ? item.summaryText() : reasoningText(item))
			.collect(Collectors.joining());
		return joined.isEmpty() ? null : joined;
	}

	private static String reasoningText(ResponsesOutputItem item) {
		if (item.content() == null) {
			return "";
		}
		return item.content()
			.stream()
			.filter((part) -> part.text() != null && !"output_text".equals(part.type()))
			.map(ResponsesOutputItem.Content::text)
			.collect(Collectors.joining());
	}

	private static BytezTokenUsage usage(@Nullable ResponsesUsage typed, @Nullable JsonNode raw) {
		BytezTokenUsage usage = BytezTokenUsage.of(raw);
		if (usage.isEmpty() && typed != null) {
			return new BytezTokenUsage(typed.inputTokens(), typed.outputTokens(), typed.totalTokens());
		}
		return usage;
	}

	private static void putIfSet(Map<String, Object> params, String name, @Nullable Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
