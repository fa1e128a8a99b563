package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezTokenUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * One answer of any endpoint as a Spring AI {@link ChatResponse}: the assistant message
 * with its tool calls and reasoning, the finish reason, and the response metadata (model,
 * usage, rate limit, metering, endpoint).
 *
 * @param text the text, empty for none
 * @param toolCalls the tools the model calls, unexecuted
 * @param reasoning the reasoning the model reports, or {@code null}
 * @param reasoningSummary the summary of its reasoning, or {@code null}
 * @param finishReason why it stopped, in Spring AI's upper case ({@code STOP},
 * {@code TOOL_CALLS}, {@code LENGTH}), or {@code null}
 * @param id the answer's id, or {@code null}
 * @param usage the tokens used
 */
record ChatAnswer(String text, List<AssistantMessage.ToolCall> toolCalls, @Nullable String reasoning,
		@Nullable String reasoningSummary, @Nullable String finishReason, @Nullable String id, BytezTokenUsage usage) {

	static ChatAnswer text(String text) {
		return new ChatAnswer(text, List.of(), null, null, null, null, BytezTokenUsage.empty());
	}

	ChatResponse toResponse(String modelId, BytezChatEndpoint endpoint, BytezCallMetadata metadata,
			@Nullable Double estimatedCost) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.reasoning != null && !this.reasoning.isEmpty()) {
			properties.put(BytezAiMetadata.REASONING_CONTENT, this.reasoning);
		}
		if (this.reasoningSummary != null && !this.reasoningSummary.isEmpty()) {
			properties.put(BytezAiMetadata.REASONING_SUMMARY, this.reasoningSummary);
		}
		AssistantMessage message = AssistantMessage.builder()
			.content(this.text)
			.properties(properties)
			.toolCalls(this.toolCalls)
			.build();
		ChatGenerationMetadata.Builder generation = ChatGenerationMetadata.builder();
		if (this.finishReason != null) {
			generation.finishReason(this.finishReason.toUpperCase(Locale.ROOT));
		}
		ChatResponseMetadata.Builder response = ChatResponseMetadata.builder()
			.model(modelId)
			.usage(usage(this.usage))
			.keyValue(BytezAiMetadata.ENDPOINT, endpoint);
		if (this.id != null) {
			response.id(this.id);
		}
		BytezAiMetadata.describe(response, metadata, estimatedCost);
		return new ChatResponse(List.of(new Generation(message, generation.build())), response.build());
	}

	/**
	 * Spring AI's usage of the parsed counts, with the counts themselves as the native
	 * usage.
	 */
	static Usage usage(BytezTokenUsage usage) {
		return usage.isEmpty() ? new EmptyUsage()
				: new DefaultUsage(usage.input(), usage.output(), usage.total(), usage);
	}

}
