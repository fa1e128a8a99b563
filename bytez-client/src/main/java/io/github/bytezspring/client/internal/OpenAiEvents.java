package io.github.bytezspring.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the Server-Sent Events of an OpenAI-compatible stream as JSON objects, up to {@code [DONE]}:
 * an event that is not JSON, or whose {@code error} is not null, fails the stream with a typed
 * exception, and so does an HTML page sent in place of the events.
 */
final class OpenAiEvents {

	private static final String DONE = "[DONE]";

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final ResponseBodies bodies;

	private final ObjectMapper mapper;

	OpenAiEvents(ResponseBodies bodies, ObjectMapper mapper) {
		this.bodies = bodies;
		this.mapper = mapper;
	}

	/**
	 * One event: its {@code event:} name, if any, and its data.
	 */
	record Event(@Nullable String name, JsonNode data) {
	}

	/**
	 * The events of a stream, up to {@code [DONE]} or the end of the body.
	 */
	Flux<Event> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		HttpStatusCode status = response.statusCode();
		if (response.headers().contentType().filter(MediaType.TEXT_HTML::isCompatibleWith).isPresent()) {
			return this.bodies.read(request, response)
				.flatMapMany((body) -> Flux.error(this.bodies.errors(request)
					.invalid(request.operation(), request.modelId(), status,
							"that is an HTML page, not Server-Sent Events", body)));
		}
		return Flux.defer(() -> {
			AtomicBoolean anyEvent = new AtomicBoolean();
			return response.bodyToFlux(EVENTS)
				.filter((event) -> event.data() != null)
				.doOnNext((event) -> {
					anyEvent.set(true);
					observation.bytesReceived(event.data().getBytes(StandardCharsets.UTF_8).length);
				})
				.takeWhile((event) -> !DONE.equals(event.data().strip()))
				.filter((event) -> !event.data().isBlank())
				.map((event) -> new Event(event.event(), parse(request, status, event.data())))
				.concatWith(Mono.defer(() -> anyEvent.get() ? Mono.empty()
						: Mono.error(invalid(request, status, "whose stream ended without any event", null))));
		});
	}

	/**
	 * A whole JSON answer sent instead of events: its object, unless its {@code error} is not null.
	 */
	Mono<JsonNode> whole(BytezRequest request, ClientResponse response) {
		return this.bodies.readJson(request, response);
	}

	private JsonNode parse(BytezRequest request, HttpStatusCode status, String data) {
		JsonNode node;
		try {
			node = this.mapper.readTree(data);
		}
		catch (JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status, "with an event that is not JSON",
						data.getBytes(StandardCharsets.UTF_8));
		}
		if (node == null || !node.isObject()) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status, "with an event that is not a JSON object",
						data.getBytes(StandardCharsets.UTF_8));
		}
		JsonNode error = node.get("error");
		if (error != null && !error.isNull()) {
			throw failure(request, status, error);
		}
		return node;
	}

	/**
	 * The typed exception of an error the stream reports.
	 */
	RuntimeException failure(BytezRequest request, HttpStatusCode status, JsonNode error) {
		JsonNode message = error.get("message");
		JsonNode text = (message != null && message.isString()) ? message : error;
		return this.bodies.errors(request).forErrorInBody(request.operation(), request.modelId(), status, text);
	}

	/**
	 * An invalid-answer exception.
	 */
	RuntimeException invalid(BytezRequest request, HttpStatusCode status, String problem, @Nullable JsonNode node) {
		return this.bodies.errors(request)
			.invalid(request.operation(), request.modelId(), status, problem,
					(node != null) ? node.toString().getBytes(StandardCharsets.UTF_8) : new byte[0]);
	}

	/**
	 * Read a JSON object as one of the OpenAI types, or fail with an invalid-answer exception.
	 */
	<T> T convert(BytezRequest request, JsonNode node, Class<T> type, HttpStatusCode status) {
		try {
			return this.mapper.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status,
						"that is not a " + type.getSimpleName() + " (" + ex.getOriginalMessage() + ")",
						node.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

}
