package io.github.bytezspring.client.internal;

import java.util.function.Consumer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads a streamed media answer as the server's buffers, telling a listener its content
 * type; JSON sent where media was expected fails.
 */
public final class MediaStreamReader implements ResponseReader<DataBuffer> {

	private final ResponseBodies bodies;

	private final Consumer<MediaType> contentType;

	public MediaStreamReader(ResponseBodies bodies) {
		this(bodies, (type) -> {
		});
	}

	public MediaStreamReader(ResponseBodies bodies, Consumer<MediaType> contentType) {
		this.bodies = bodies;
		this.contentType = contentType;
	}

	@Override
	public Flux<DataBuffer> read(BytezRequest request, ClientResponse response, CallRecord call) {
		if (ResponseBodies.isJson(response)) {
			return this.bodies.read(request, response).flatMapMany((body) -> {
				this.bodies.readJson(request, response.statusCode(), body);
				return Flux.error(this.bodies.errors(request)
					.invalid(request.operation(), request.modelId(), response.statusCode(),
							"in JSON where media bytes were expected", body));
			});
		}
		response.headers().contentType().ifPresent(this.contentType);
		return ResponseBodies.buffers(response).doOnNext((buffer) -> call.bytesReceived(buffer.readableByteCount()));
	}

	@Override
	public boolean streamed() {
		return true;
	}

}
