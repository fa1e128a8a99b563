package io.github.bytezspring.client.internal;

import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.bytezspring.client.model.BytezCallMetadata;

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

	private final BiFunction<JsonNode, BytezCallMetadata, T> result;

	public JsonAnswerReader(ResponseBodies bodies, Function<JsonNode, T> result) {
		this(bodies, (root, metadata) -> result.apply(root));
	}

	/**
	 * A reader whose value is built from the answer and its rate-limit and metering headers.
	 */
	public JsonAnswerReader(ResponseBodies bodies, BiFunction<JsonNode, BytezCallMetadata, T> result) {
		this.bodies = bodies;
		this.result = result;
	}

	@Override
	public Flux<T> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		BytezCallMetadata metadata = observation.metadata();
		return this.bodies.readJson(request, response).map((root) -> this.result.apply(root, metadata)).flux();
	}

	@Override
	public boolean streamed() {
		return false;
	}

}
