package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.OpenAiUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A prompt as a call of Bytez's OpenAI-compatible {@code /chat/completions}, and its
 * answer (whole, or assembled from a stream's chunks) as a {@link ChatAnswer}.
 */
final class CompletionsChat {

	private CompletionsChat() {
	}

	static ChatCompletionRequest request(Prompt prompt, BytezChatOptions options, boolean stream) {
		Map<String, Object> params = new LinkedHashMap<>();
		putIfSet(params, "max_completion_tokens", options.getMaxTokens());
		putIfSet(params, "temperature", options.getTemperature());
		putIfSet(params, "top_p", options.getTopP());
		putIfSet(params, "frequency_penalty", options.getFrequencyPenalty());
		putIfSet(params, "presence_penalty", options.getPresencePenalty());
		if (options.getStopSequences() != null && !options.getStopSequences().isEmpty()) {
			params.put("stop", List.copyOf(options.getStopSequences()));
		}
		putIfSet(params, "reasoning_effort", options.getReasoningEffort());
		JsonNode schema = OpenAiPrompt.schema(options.getOutputSchema(), "the output schema");
		if (schema != null) {
			Map<String, Object> jsonSchema = new LinkedHashMap<>();
			jsonSchema.put("name", "response");
			jsonSchema.put("schema", schema);
			jsonSchema.put("strict", true);
			params.put("response_format", Map.of("type", "json_schema", "json_schema", jsonSchema));
		}
		if (stream) {
			// the usage comes in a last chunk only when asked for
			params.put("stream_options", Map.of("include_usage", true));
		}
		return new ChatCompletionRequest(BytezChatRequest.modelId(options),
				OpenAiPrompt.chatMessages(prompt.getInstructions()), OpenAiPrompt.chatTools(options.getToolCallbacks()),
				null, params);
	}

	/**
	 * The answer of a completion, or of a stream's assembled completion with the text
	 * left out (the chunks carried it).
	 */
	// a tool call's id and name go to Spring AI as Bytez sent them, absent ones included:
	// nothing is invented
	@SuppressWarnings("NullAway")
	static ChatAnswer answer(ChatCompletion completion, boolean withText) {
		List<AssistantMessage.ToolCall> calls = completion.toolCalls()
			.stream()
			.map((call) -> new AssistantMessage.ToolCall(call.id(), (call.type() != null) ? call.type() : "function",
					call.name(), (call.arguments() != null && !call.arguments().isEmpty()) ? call.arguments() : "{}"))
			.toList();
		String text = (withText && completion.content() != null) ? completion.content() : "";
		String finishReason = (completion.choices() != null && !completion.choices().isEmpty())
				? completion.choices().get(0).finishReason() : null;
		if (finishReason == null && !withText) {
			// the last answer of a stream always has one: it is what marks it as the last
			finishReason = calls.isEmpty() ? "stop" : "tool_calls";
		}
		return new ChatAnswer(text, calls, completion.reasoningContent(), null, finishReason, completion.id(),
				usage(completion.usage()));
	}

	private static BytezTokenUsage usage(@Nullable OpenAiUsage usage) {
		return (usage != null)
				? new BytezTokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens())
				: BytezTokenUsage.empty();
	}

	private static void putIfSet(Map<String, Object> params, String name, @Nullable Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
