package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a streamed text answer byte-exact, UTF-8 across chunk boundaries; a JSON envelope
 * sent instead of the stream gives its output text, or fails with its error.
 */
public final class TextStreamReader implements ResponseReader<String> {

	private final ResponseBodies bodies;

	private final ObjectMapper mapper;

	public TextStreamReader(ResponseBodies bodies, ObjectMapper mapper) {
		this.bodies = bodies;
		this.mapper = mapper;
	}

	@Override
	public Flux<String> read(BytezRequest request, ClientResponse response, CallRecord call) {
		if (ResponseBodies.isHtml(response)) {
			return this.bodies.htmlPage(request, response, "a text stream");
		}
		if (ResponseBodies.isJson(response)) {
			return this.bodies.read(request, response)
				.flatMapMany((body) -> Mono.justOrEmpty(envelopeText(request, response.statusCode(), body)));
		}
		return Flux.defer(() -> {
			Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
			return ResponseBodies.buffers(response).map((chunk) -> {
				try {
					call.bytesReceived(chunk.readableByteCount());
					return decoder.decode(chunk);
				}
				finally {
					DataBufferUtils.release(chunk);
				}
			}).concatWith(Mono.fromCallable(decoder::finish));
		}).filter((text) -> !text.isEmpty());
	}

	@Override
	public boolean streamed() {
		return true;
	}

	private @Nullable String envelopeText(BytezRequest request, HttpStatusCode status, byte[] body) {
		JsonNode root = this.bodies.readJson(request, status, body);
		JsonNode output = root.get("output");
		if (output == null || output.isNull()) {
			return null;
		}
		try {
			return new BytezResponse(output, null, this.mapper).outputText();
		}
		catch (IllegalStateException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status, "whose output is not text", body);
		}
	}

}
