package io.github.bytezspring.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the Server-Sent Events of an OpenAI-compatible stream as JSON objects, up to
 * {@code [DONE]}: an event that is not JSON, or whose {@code error} is not null, fails
 * the stream with a typed exception, and so does an HTML page sent in place of the
 * events.
 */
final class OpenAiEvents {

	private static final String DONE = "[DONE]";

	// deeper than any OpenAI type nests; Jackson's own nesting limit (1000) bounds what
	// is parsed
	private static final int MAX_DEPTH = 64;

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
	Flux<Event> read(BytezRequest request, ClientResponse response, CallRecord call) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isHtml(response)) {
			return this.bodies.htmlPage(request, response, "Server-Sent Events");
		}
		return Flux.defer(() -> {
			AtomicBoolean anyEvent = new AtomicBoolean();
			Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
			ServerSentEventParser parser = new ServerSentEventParser(this.bodies.maxInMemorySize());
			return ResponseBodies.buffers(response).concatMapIterable((chunk) -> {
				try {
					return parser.feed(decoder.decode(chunk));
				}
				finally {
					DataBufferUtils.release(chunk);
				}
			})
				.concatWith(Flux.defer(() -> Flux.fromIterable(parser.finish(decoder.finish()))))
				.onErrorMap(ServerSentEventParser.EventTooLongException.class,
						(ex) -> this.bodies.errors(request)
							.invalid(request.operation(), request.modelId(), status,
									"with " + ex.getMessage() + " (" + this.bodies.names().of("maxInMemorySize") + ")",
									new byte[0]))
				.doOnNext((event) -> {
					anyEvent.set(true);
					call.bytesReceived(event.data().getBytes(StandardCharsets.UTF_8).length);
				})
				.takeWhile((event) -> !DONE.equals(event.data().strip()))
				.filter((event) -> !event.data().isBlank())
				.map((event) -> new Event(event.name(), parse(request, status, event.data())))
				.concatWith(Mono.defer(() -> anyEvent.get() ? Mono.empty()
						: Mono.error(invalid(request, status, "whose stream ended without any event", null))));
		});
	}

	/**
	 * A whole JSON answer sent instead of events: its object, unless its {@code error} is
	 * not null.
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
	 * The node with every token count that is no count (infinite, fractional, negative,
	 * beyond an {@code int}, not a number) left out of its {@code usage} and
	 * {@code response.usage}: metering reads them, and metering never fails a call.
	 */
	static JsonNode withReadableUsage(JsonNode node) {
		if (!needsCleaning(node.get("usage"))
				&& !(node.get("response") instanceof ObjectNode response && needsCleaning(response.get("usage")))) {
			return node;
		}
		ObjectNode copy = (ObjectNode) node.deepCopy();
		clean(copy);
		if (copy.get("response") instanceof ObjectNode response) {
			clean(response);
		}
		return copy;
	}

	private static boolean needsCleaning(@Nullable JsonNode usage) {
		if (usage == null || usage.isNull()) {
			return false;
		}
		if (!usage.isObject()) {
			return true;
		}
		for (JsonNode value : usage.values()) {
			if (!value.isContainer() && !value.isNull() && !isCount(value)) {
				return true;
			}
		}
		return false;
	}

	private static void clean(ObjectNode parent) {
		JsonNode usage = parent.get("usage");
		if (usage == null || usage.isNull()) {
			return;
		}
		if (!(usage instanceof ObjectNode counts)) {
			parent.remove("usage");
			return;
		}
		List<String> unreadable = new ArrayList<>();
		counts.properties().forEach((entry) -> {
			JsonNode value = entry.getValue();
			if (!value.isContainer() && !value.isNull() && !isCount(value)) {
				unreadable.add(entry.getKey());
			}
		});
		counts.remove(unreadable);
	}

	private static boolean isCount(JsonNode value) {
		return value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0;
	}

	private static boolean hasNullInList(JsonNode node, int depth) {
		if (!node.isContainer() || depth > MAX_DEPTH) {
			return false;
		}
		for (JsonNode child : node.values()) {
			if ((node.isArray() && child.isNull()) || hasNullInList(child, depth + 1)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Read a JSON object as one of the OpenAI types, or fail with an invalid-answer
	 * exception.
	 */
	<T> T convert(BytezRequest request, JsonNode node, Class<T> type, HttpStatusCode status) {
		if (hasNullInList(node, 0)) {
			// no list of the OpenAI types holds a null: one would reach the caller as a
			// null element
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status,
						"that is not a " + type.getSimpleName() + " (a list in it holds a null)",
						node.toString().getBytes(StandardCharsets.UTF_8));
		}
		try {
			return this.mapper.treeToValue(withReadableUsage(node), type);
		}
		catch (JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status,
						"that is not a " + type.getSimpleName() + " (" + ex.getOriginalMessage() + ")",
						node.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

}
