package io.github.bytezspring.client.internal;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads a whole JSON answer and turns it into the call's value inside the attempt, so that an answer
 * that cannot be read is observed as the failure it is.
 *
 * @param <T> the value
 */
public final class JsonAnswerReader<T> implements ResponseReader<T> {

	private final ResponseBodies bodies;

	private final Function<JsonNode, T> result;

	public JsonAnswerReader(ResponseBodies bodies, Function<JsonNode, T> result) {
		this.bodies = bodies;
		this.result = result;
	}

	@Override
	public Flux<T> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		return this.bodies.readJson(request, response).map(this.result).flux();
	}

	@Override
	public boolean streamed() {
		return false;
	}

}
