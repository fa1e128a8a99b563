package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezTokenUsage;

import java.util.function.Function;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads an OpenAI-compatible stream of chunks (chat or text completions) as server-sent
 * events up to {@code [DONE]}, noting the token usage a chunk reports in the call's
 * record; a whole answer sent as JSON instead (an error, or the completion at once)
 * becomes one chunk.
 *
 * @param <W> the type of a whole answer
 * @param <C> the type of a chunk
 */
final class OpenAiChunkReader<W, C> implements ResponseReader<C> {

	private final OpenAiEvents events;

	private final Class<W> wholeType;

	private final Class<C> chunkType;

	private final Function<W, C> asChunk;

	OpenAiChunkReader(OpenAiEvents events, Class<W> wholeType, Class<C> chunkType, Function<W, C> asChunk) {
		this.events = events;
		this.wholeType = wholeType;
		this.chunkType = chunkType;
		this.asChunk = asChunk;
	}

	@Override
	public Flux<C> read(BytezRequest request, ClientResponse response, CallRecord call) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isJson(response)) {
			return this.events.whole(request, response).map((root) -> {
				call.usage(BytezTokenUsage.of(root.get("usage")));
				return this.asChunk.apply(this.events.convert(request, root, this.wholeType, status));
			}).flux();
		}
		return this.events.read(request, response, call).map((event) -> {
			call.usage(BytezTokenUsage.of(event.data().get("usage")));
			return this.events.convert(request, event.data(), this.chunkType, status);
		});
	}

	@Override
	public boolean streamed() {
		return true;
	}

}
