package io.github.bytezspring.client.internal;

import java.util.function.BiFunction;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads a whole JSON answer and turns it into the call's value inside the attempt, so
 * that an answer that cannot be read is observed as the failure it is.
 *
 * @param <T> the value
 */
public final class JsonAnswerReader<T> implements ResponseReader<T> {

	private final ResponseBodies bodies;

	private final BiFunction<JsonNode, CallRecord, T> result;

	public JsonAnswerReader(ResponseBodies bodies, Function<JsonNode, T> result) {
		this(bodies, (root, call) -> result.apply(root));
	}

	/**
	 * A reader whose value is built from the answer and the record of its call (its
	 * headers so far), in which it may note the token usage it parsed.
	 */
	public JsonAnswerReader(ResponseBodies bodies, BiFunction<JsonNode, CallRecord, T> result) {
		this.bodies = bodies;
		this.result = result;
	}

	@Override
	public Flux<T> read(BytezRequest request, ClientResponse response, CallRecord call) {
		return this.bodies.readJson(request, response).map((root) -> this.result.apply(root, call)).flux();
	}

	@Override
	public boolean streamed() {
		return false;
	}

}
