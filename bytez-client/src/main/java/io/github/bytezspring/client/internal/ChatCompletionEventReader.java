package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.ChatToolCall;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;


import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads an OpenAI-compatible chat completion stream of server-sent events up to {@code [DONE]}; a
 * whole completion sent as JSON instead becomes one chunk.
 */
final class ChatCompletionEventReader implements ResponseReader<ChatCompletionChunk> {

	private final OpenAiEvents events;

	private final ClientInstrumentation instrumentation;

	ChatCompletionEventReader(OpenAiEvents events, ClientInstrumentation instrumentation) {
		this.events = events;
		this.instrumentation = instrumentation;
	}

	@Override
	public Flux<ChatCompletionChunk> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isJson(response)) {
			// a JSON answer instead of events: an error, or a whole completion sent at once
			return this.events.whole(request, response).map((root) -> {
				this.instrumentation.recordTokenUsage(request.operation(), request.modelId(), root.get("usage"));
				return asChunk(this.events.convert(request, root, ChatCompletion.class, status));
			}).flux();
		}
		return this.events.read(request, response, observation).map((event) -> {
			ChatCompletionChunk chunk = this.events.convert(request, event.data(), ChatCompletionChunk.class, status);
			if (chunk.usage() != null) {
				this.instrumentation.recordTokenUsage(request.operation(), request.modelId(), event.data().get("usage"));
			}
			return chunk;
		});
	}

	@Override
	public boolean streamed() {
		return true;
	}

	private static ChatCompletionChunk asChunk(ChatCompletion completion) {
		List<ChatCompletion.Choice> choices = (completion.choices() != null) ? completion.choices() : List.of();
		return new ChatCompletionChunk(completion.id(), "chat.completion.chunk", completion.created(),
				completion.model(), choices.stream()
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
				calls.add(new ChatCompletionChunk.ToolCallDelta(i, call.id(), call.type(), call.function()));
			}
		}
		return new ChatCompletionChunk.Delta(message.role(), message.content(), message.reasoningContent(), calls);
	}

}
