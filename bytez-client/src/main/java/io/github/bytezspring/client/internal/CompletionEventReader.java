package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionChunk;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads an OpenAI-compatible text completion stream of server-sent events up to {@code [DONE]}; a
 * whole completion sent as JSON instead becomes one chunk.
 */
final class CompletionEventReader implements ResponseReader<CompletionChunk> {

	private final OpenAiEvents events;

	private final ClientInstrumentation instrumentation;

	CompletionEventReader(OpenAiEvents events, ClientInstrumentation instrumentation) {
		this.events = events;
		this.instrumentation = instrumentation;
	}

	@Override
	public Flux<CompletionChunk> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isJson(response)) {
			return this.events.whole(request, response).map((root) -> {
				this.instrumentation.recordTokenUsage(request.operation(), request.modelId(), root.get("usage"));
				Completion completion = this.events.convert(request, root, Completion.class, status);
				return new CompletionChunk(completion.id(), completion.object(), completion.created(),
						completion.model(), completion.choices(), completion.usage());
			}).flux();
		}
		return this.events.read(request, response, observation).map((event) -> {
			CompletionChunk chunk = this.events.convert(request, event.data(), CompletionChunk.class, status);
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

}
