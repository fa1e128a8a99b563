package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;

import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a streamed Responses call: OpenAI's Responses events up to the final one
 * ({@code response.completed} or {@code response.incomplete}); {@code error} and
 * {@code response.failed} events fail the stream with a typed exception, and so does a
 * stream that ends before its final event. A whole response sent as JSON instead becomes
 * its {@code response.completed} event.
 */
final class ResponsesEventReader implements ResponseReader<ResponsesStreamEvent> {

	private final OpenAiEvents events;

	ResponsesEventReader(OpenAiEvents events) {
		this.events = events;
	}

	@Override
	public Flux<ResponsesStreamEvent> read(BytezRequest request, ClientResponse response, CallRecord call) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isJson(response)) {
			return this.events.whole(request, response).map((root) -> {
				call.usage(BytezTokenUsage.of(root.get("usage")));
				ResponsesResult result = this.events.convert(request, root, ResponsesResult.class, status)
					.withRaw(root);
				return new ResponsesStreamEvent(ResponsesStreamEvent.COMPLETED, null, null, null, null, null, null,
						null, result, root);
			}).flux();
		}
		return Flux.defer(() -> {
			AtomicBoolean ended = new AtomicBoolean();
			return this.events.read(request, response, call)
				.map((event) -> event(request, status, event, call))
				.takeUntil(ResponsesStreamEvent::isFinal)
				.doOnNext((event) -> ended.set(event.isFinal()))
				.concatWith(Mono.defer(() -> ended.get() ? Mono.empty() : Mono.error(this.events.invalid(request,
						status, "whose stream ended before its final event (response.completed)", null))));
		});
	}

	private ResponsesStreamEvent event(BytezRequest request, HttpStatusCode status, OpenAiEvents.Event sent,
			CallRecord call) {
		JsonNode data = sent.data();
		String type = data.path("type").asString(sent.name());
		if ("error".equals(type)) {
			throw this.events.failure(request, status, data);
		}
		if ("response.failed".equals(type)) {
			JsonNode error = data.path("response").path("error");
			throw this.events.failure(request, status,
					error.isObject() ? error : StringNode.valueOf("the response failed: " + data.path("response")));
		}
		ResponsesStreamEvent event = this.events.convert(request, data, ResponsesStreamEvent.class, status)
			.withRaw(data, type);
		if (event.response() != null) {
			JsonNode json = data.get("response");
			event = new ResponsesStreamEvent(event.type(), event.sequenceNumber(), event.outputIndex(),
					event.contentIndex(), event.itemId(), event.delta(), event.text(), event.item(),
					event.response().withRaw(json), data);
			if (event.isFinal()) {
				call.usage(BytezTokenUsage.of(json.get("usage")));
			}
		}
		return event;
	}

	@Override
	public boolean streamed() {
		return true;
	}

}
