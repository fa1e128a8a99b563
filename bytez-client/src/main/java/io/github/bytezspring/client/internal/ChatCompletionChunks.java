package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.ChatToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A whole chat completion as the one chunk a stream would have sent, for a server that
 * answers a streamed request with the completion at once.
 */
final class ChatCompletionChunks {

	private ChatCompletionChunks() {
	}

	static ChatCompletionChunk of(ChatCompletion completion) {
		List<ChatCompletion.Choice> choices = (completion.choices() != null) ? completion.choices() : List.of();
		return new ChatCompletionChunk(completion.id(), "chat.completion.chunk", completion.created(),
				completion.model(),
				choices.stream()
					.filter(Objects::nonNull)
					.map((choice) -> new ChatCompletionChunk.Choice(choice.index(), delta(choice.message()),
							choice.finishReason()))
					.toList(),
				completion.usage());
	}

	private static ChatCompletionChunk.Delta delta(@Nullable ChatMessage message) {
		if (message == null) {
			return new ChatCompletionChunk.Delta(null, null);
		}
		List<ChatCompletionChunk.ToolCallDelta> calls = null;
		if (message.toolCalls() != null) {
			calls = new ArrayList<>();
			for (int i = 0; i < message.toolCalls().size(); i++) {
				ChatToolCall call = message.toolCalls().get(i);
				if (call == null) {
					continue;
				}
				calls.add(new ChatCompletionChunk.ToolCallDelta(i, call.id(), call.type(), call.function()));
			}
		}
		return new ChatCompletionChunk.Delta(message.role(), message.content(), message.reasoningContent(), calls);
	}

}
